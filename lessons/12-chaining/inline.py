# inline.py: the asyncio twin of inline.c.
import asyncio


async def other() -> None:
    print("other: my turn at last")


async def add(a: int, b: int) -> int:
    return a + b


async def slow_add(a: int, b: int) -> int:
    await asyncio.sleep(0.1)
    return await add(a, b)


async def main() -> None:
    t = asyncio.create_task(other())
    print("main: other is created")
    print(f"main: add gave {await add(2, 3)}")
    print(f"main: add gave {await add(2, 3)} again")
    print(f"main: slow_add gave {await slow_add(2, 3)}")
    await t


asyncio.run(main())
