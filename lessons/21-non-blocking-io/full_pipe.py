# full_pipe.py: the asyncio twin of full_pipe.c. asyncio has no
# async_write for a raw descriptor; write_all is one, built as the
# runtime's is: write what fits, and when the pipe is full wait until it
# is writable (loop.add_writer).
import asyncio
import os
import time

SIZE = 1 << 20  # bytes to send: far more than a pipe holds
START = 0.0  # when main began
R, W = -1, -1  # the pipe


def say(who: str, what: str) -> None:
    print(f"{time.perf_counter() - START:.2f} s  {who}: {what}")


async def wait_ready(fd: int, writable: bool) -> None:
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    add, remove = ((loop.add_writer, loop.remove_writer) if writable
                   else (loop.add_reader, loop.remove_reader))
    add(fd, ready.set_result, None)
    try:
        await ready
    finally:
        remove(fd)


async def write_all(fd: int, data: bytes) -> int:
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            await wait_ready(fd, writable=True)
    return len(data)


async def read_some(fd: int, n: int) -> bytes:
    while True:
        try:
            return os.read(fd, n)
        except BlockingIOError:
            await wait_ready(fd, writable=False)


async def writer(data: bytes) -> None:
    say("writer", "writing 1048576 bytes")
    if await write_all(W, data) == SIZE:
        say("writer", "all 1048576 bytes written")
    os.close(W)


async def reader() -> None:
    total = wrong = 0
    await asyncio.sleep(1)  # busy elsewhere: the pipe fills up
    say("reader", "starts reading")
    while data := await read_some(R, 4096):
        for b in data:
            wrong += b != total % 251
            total += 1
    say("reader", f"{total} bytes, {wrong} out of place")


async def ticker() -> None:
    await asyncio.sleep(0.5)
    say("ticker", "the loop is free while the writer waits")


async def main() -> None:
    global START, R, W
    START = time.perf_counter()
    R, W = os.pipe()
    os.set_blocking(R, False)
    os.set_blocking(W, False)
    data = bytes(i % 251 for i in range(SIZE))
    await asyncio.gather(writer(data), reader(), ticker())
    os.close(R)


asyncio.run(main())
