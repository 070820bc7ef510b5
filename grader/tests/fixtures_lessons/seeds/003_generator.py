def generator_function():
    yield "something"
    yield "other thing"

for val in generator_function():
    print(val)

x = generator_function()
print(x.__next__())
print(x.__next__())
