import asyncio

async def print_something():
    await asyncio.sleep(1)
    print ("something")

async def main():
    print("main")

    task = asyncio.create_task(print_something())

    print("main again")
    await task
    print("awaited")

asyncio.run(main())
