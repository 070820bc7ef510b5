import asyncio


async def talker(name: str) -> None:
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)


async def main() -> None:
    a = asyncio.create_task(talker("A"))
    b = asyncio.create_task(talker("B"))
    print("main: both created")
    await asyncio.sleep(0)
    print("main: after one turn")
    await a
    await b
    print("main: both done")


asyncio.run(main())
