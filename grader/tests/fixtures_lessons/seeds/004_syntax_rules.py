import asyncio

async def z(x):
    await asyncio.sleep(0.1)
    return x * 10

async def f(x):
    y = await z(x)
    return y

async def g(x):
    yield x

async def noop():
    pass

async def main():
    print(await f(4))
    async for v in g(7):
        print(v)
    print(await noop())
    cf, ag = f(1), g(1)
    print(type(cf).__name__, type(ag).__name__)
    cf.close()

asyncio.run(main())
