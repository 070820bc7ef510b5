# propagate.py: the asyncio twin of propagate.c.
import asyncio

START = 0.0


def say(text: str) -> None:
    print(f"{asyncio.get_running_loop().time() - START:.2f} s  {text}")


class DiskFull(Exception):
    code = 28


async def save(name: str) -> None:
    try:
        await asyncio.sleep(0.2)
        raise DiskFull(f"disk full writing {name}")
    finally:
        say("save: file closed")


async def handle(name: str) -> None:
    try:
        v = await asyncio.create_task(save(name))
    finally:
        say("handle: lock released")
    say("handle: saved")
    return v


async def request(name: str) -> None:
    try:
        return await asyncio.create_task(handle(name))
    finally:
        say("request: connection closed")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    t = asyncio.create_task(request("report.txt"))
    try:
        await t
    except DiskFull as e:
        say(f"main caught: {e} (code {e.code})")
    print(f"request failed: {'yes' if t.exception() else 'no'}")


asyncio.run(main())
