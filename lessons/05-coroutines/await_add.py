# await_add.py: await a coroutine function's result (lesson 05).
import asyncio


async def add_numbers(a: int, b: int) -> int:
    return a + b


async def main() -> None:
    print(await add_numbers(2, 10))


if __name__ == "__main__":
    asyncio.run(main())
