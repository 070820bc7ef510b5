import asyncio

async def f():
    await asyncio.sleep(1)
    return "result of f"

async def g():
    r = await f()
    return r

print(asyncio.run(g()))
