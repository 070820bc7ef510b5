import asyncio

async def square(x):
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x

loop = asyncio.new_event_loop()
results = [loop.run_until_complete(square(1)),
           loop.run_until_complete(square(2)),
           loop.run_until_complete(square(3))]
print(results)
loop.close()
