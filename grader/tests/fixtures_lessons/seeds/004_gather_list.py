import asyncio

async def c(n):
    await asyncio.sleep(0.1)
    return n

async def main():
    return await asyncio.gather([c(1), c(2), c(3)])

print(asyncio.run(main()))
