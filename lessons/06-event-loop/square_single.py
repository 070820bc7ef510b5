import asyncio


async def square(x: int) -> int:
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x


loop = asyncio.new_event_loop()
result = loop.run_until_complete(square(1))
print(result)
loop.close()
