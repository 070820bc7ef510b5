# pingpong.py: the consumer and a generator's body take turns; every
# next() runs the body up to its next yield (lesson 04).
from collections.abc import Iterator


def countdown(n: int) -> Iterator[int]:
    print(f"  body: starts with n = {n}")
    while n > 0:
        print(f"  body: yields {n}")
        yield n
        print("  body: resumes")
        n -= 1
    print("  body: returns")


g = countdown(2)
print("consumer: generator made, nothing ran yet")
while True:
    print("consumer: next")
    try:
        v = next(g)
    except StopIteration:
        break
    print(f"consumer: got {v}")
print("consumer: no more values")
