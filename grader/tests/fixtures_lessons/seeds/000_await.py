import asyncio

async def print_something():
    await asyncio.sleep(1)
    print ("something")

async def main():
    print("main")
    await print_something()
    print("main again")

asyncio.run(main())
