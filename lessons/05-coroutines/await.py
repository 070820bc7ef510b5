# await.py: main awaits a coroutine that sleeps for a second (lesson 05).
import asyncio


async def print_something() -> None:
    await asyncio.sleep(1)
    print("something")


async def main() -> None:
    print("main")
    await print_something()
    print("main again")


asyncio.run(main())
