# coroutine_type.py: hello is a function (a coroutine function); calling
# it gives a coroutine object, which runs only when awaited (lesson 05).
import asyncio
import inspect


async def hello() -> None:
    print("hello runs")


print(type(hello))
print(inspect.iscoroutinefunction(hello))
coro = hello()
print(type(coro))
asyncio.run(coro)
