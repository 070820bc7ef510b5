import asyncio


async def nap(name: str, seconds: float) -> None:
    print(f"{name} sleeps {seconds:.0f} s")
    await asyncio.sleep(seconds)
    print(f"{name} wakes at {asyncio.get_running_loop().time() - START:.2f} s")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    await asyncio.gather(nap("A", 3), nap("B", 1), nap("C", 2))


START = 0.0
asyncio.run(main())
