import asyncio, inspect, time

async def add_one(coroutine):
    result = await coroutine()
    return result + 1

calls = 0
async def instant():
    global calls
    calls += 1
    return 41

async def slow():
    await asyncio.sleep(0.1)
    return 41

async def negative():
    return -1

async def fractional():
    return 2.5

print(inspect.iscoroutinefunction(add_one))
print(asyncio.run(add_one(instant)), calls)
s = time.perf_counter(); print(asyncio.run(add_one(slow)), f"{time.perf_counter() - s:.2f}s")
print(asyncio.run(add_one(negative)))
print(asyncio.run(add_one(fractional)))

async def main():
    s = time.perf_counter()
    r = await asyncio.gather(add_one(slow), add_one(slow), add_one(slow))
    print(r, f"{time.perf_counter() - s:.2f}s")
asyncio.run(main())
