# cancel_thread.py: the asyncio twin of cancel_thread.c.
import asyncio
import time

START = 0.0


class Save:
    def __init__(self, name: str) -> None:
        self.name = name
        self.written = False


def now() -> float:
    return time.perf_counter() - START


def save_file(s: Save) -> None:
    time.sleep(2)  # a library's blocking call
    s.written = True


async def saver(s: Save) -> None:
    print(f"saver: saving {s.name} on a thread (2 s)")
    try:
        await asyncio.to_thread(save_file, s)
    except asyncio.CancelledError:
        print(f"saver: cancelled at {now():.2f} s; the thread runs on")
        raise
    print(f"saver: saved at {now():.2f} s")


async def main() -> None:
    global START
    START = time.perf_counter()
    s = Save("notes.txt")
    try:
        await asyncio.wait_for(saver(s), 0.5)
    except TimeoutError:
        print(f"main: gave up waiting at {now():.2f} s")
    await asyncio.sleep(2)  # long enough for the thread to finish
    print(f"main: at {now():.2f} s {s.name} is "
          f"{'saved' if s.written else 'not saved'}")


asyncio.run(main())
