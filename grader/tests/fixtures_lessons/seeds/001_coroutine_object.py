import asyncio

async def my_function(argument):
    print("running with", argument)
    return argument * 2

async def main():
    my_coroutine = my_function(21)
    print(type(my_coroutine).__name__)
    result = await my_coroutine
    print(result)
    result = await my_function(5)
    print(result)

asyncio.run(main())
