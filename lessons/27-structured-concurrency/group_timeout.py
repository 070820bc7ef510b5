# group_timeout.py: the asyncio twin of group_timeout.c.
import asyncio

START = 0.0


def say(text: str) -> None:
    print(f"{asyncio.get_running_loop().time() - START:.2f} s  {text}")


async def thumbnail() -> None:
    try:
        async with asyncio.timeout(0.1):  # its own deadline
            await asyncio.sleep(0.3)
    except TimeoutError:
        say("thumbnail: preview too slow, placeholder used")
    await asyncio.sleep(0.2)
    say("thumbnail: done")


async def transcode() -> None:
    try:
        await asyncio.sleep(2.0)
    except asyncio.CancelledError:
        say("transcode: cancelled, partial file removed")
        raise
    say("transcode: done")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    try:
        async with asyncio.timeout(0.5):  # the whole job's
            async with asyncio.TaskGroup() as tg:
                tg.create_task(thumbnail())
                tg.create_task(transcode())
    except TimeoutError:
        say("main: the job timed out")


asyncio.run(main())
