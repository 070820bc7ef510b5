import asyncio, inspect

async def hello():
    pass

print(type(hello))
print(inspect.iscoroutinefunction(hello))
coro = hello()
print(type(coro))
asyncio.run(coro)
