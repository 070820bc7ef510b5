# flush.py: the asyncio twin of flush.c.
import asyncio

START = 0.0
unsaved = 0  # edits not on disk yet


def say(text: str) -> None:
    t = asyncio.get_running_loop().time() - START
    print(f"{t:.2f} s  {text} ({unsaved} unsaved)")


async def edit() -> None:
    global unsaved
    while unsaved < 1000:
        await asyncio.sleep(0.3)
        unsaved += 1
        say("editor: one more edit")


async def editor() -> None:
    global unsaved
    try:
        await edit()
    except asyncio.CancelledError:
        say("editor: stopping, saving first")
        await asyncio.sleep(0.2)
        unsaved = 0
        say("editor: saved")
        raise


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    t = asyncio.create_task(editor())
    await asyncio.sleep(1.0)
    t.cancel()
    [r] = await asyncio.gather(t, return_exceptions=True)
    say("main: editor cancelled" if isinstance(r, asyncio.CancelledError)
        else "main: editor returned")


asyncio.run(main())
