# generator.py: a generator with two yields, used up by a for loop, then
# a fresh one driven by hand with __next__ (lesson 04).
from collections.abc import Iterator


def generator_function() -> Iterator[str]:
    yield "something"
    yield "other thing"


for val in generator_function():
    print(val)

x = generator_function()
print(x.__next__())
print(x.__next__())
