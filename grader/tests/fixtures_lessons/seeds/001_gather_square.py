import asyncio

async def square(x):
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x

loop = asyncio.get_event_loop()

results = loop.run_until_complete(asyncio.gather(
    square(1),
    square(2),
    square(3)
))
print(results)

loop.close()
