async def hello():
    print("never printed")

coro = hello()
print(type(coro))
del coro
print("end")
