import asyncio

async def async_generator_function():
    yield "something"
    await asyncio.sleep(0.1)
    yield "other thing"

async def main():
    async for val in async_generator_function():
        print(val)
    x = async_generator_function()
    print(type(x).__name__)
    print(await x.__anext__())
    print(await x.__anext__())
    try:
        await x.__anext__()
    except StopAsyncIteration:
        print("StopAsyncIteration")

asyncio.run(main())
