# bounded.py: the asyncio twin of bounded.c. Where the C program stops,
# asyncio raises ValueError, and the uncaught exception ends the program.
import asyncio

room = asyncio.Semaphore(1)  # meant for one guest at a time
inside = 0  # guests in the room now


async def guest(name: str) -> None:
    global inside
    async with room:
        inside += 1
        print(f"  {name} is in ({inside} inside)")
        await asyncio.sleep(1)
        inside -= 1


async def enter_and_leave_twice(s: asyncio.Semaphore) -> None:
    await s.acquire()
    s.release()
    s.release()


async def main() -> None:
    global room
    print("Semaphore(1), released twice:")
    await enter_and_leave_twice(room)
    await asyncio.gather(guest("Ann"), guest("Bob"))

    print("BoundedSemaphore(1), released twice:")
    room = asyncio.BoundedSemaphore(1)
    await enter_and_leave_twice(room)  # raises ValueError
    await asyncio.gather(guest("Ann"), guest("Bob"))


asyncio.run(main())
