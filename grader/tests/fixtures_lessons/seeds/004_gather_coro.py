import asyncio
import time

async def coro(seq):
    await asyncio.sleep(max(seq))
    return list(reversed(seq))

async def main():
    t = asyncio.create_task(coro([3, 2, 1]))
    t2 = asyncio.create_task(coro([10, 5, 0]))
    print('Start:', time.strftime('%X'))
    a = await asyncio.gather(t, t2)
    print('End:', time.strftime('%X'))
    print(f'Both done: {all((t.done(), t2.done()))}')
    return a

a = asyncio.run(main())
print(a)
