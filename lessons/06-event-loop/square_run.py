import asyncio


async def square(x: int) -> int:
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x


async def main() -> int:
    r = await square(2)
    print("main got", r)
    return r + 1


v = asyncio.run(main())
print("main returned", v)
