import asyncio

async def square(x):
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x

loop = asyncio.get_event_loop()

async def when_done(tasks):
    for res in asyncio.as_completed(tasks):
        print("Result:", await res)

loop = asyncio.get_event_loop()
loop.run_until_complete(when_done([
    square(1),
    square(2),
    square(3)
]))
