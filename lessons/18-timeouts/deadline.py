# deadline.py: the asyncio twin of deadline.c.
import asyncio
import time
from dataclasses import dataclass

START = 0.0  # when this login began


def now() -> float:
    return time.perf_counter() - START


@dataclass
class Session:
    user: str
    connected: bool = False


async def step(what: str, takes: float) -> None:
    await asyncio.sleep(takes)
    print(f"{now():.2f} s  {what}")


async def login(s: Session) -> None:
    await step("connected", 0.3)
    s.connected = True
    try:
        await step("authenticated", 0.4)
        await step("profile loaded", 0.5)
    except asyncio.CancelledError:
        s.connected = False
        print(f"{now():.2f} s  cut off: disconnected")
        raise


async def try_login(s: Session, deadline: float) -> None:
    global START
    START = time.perf_counter()
    print(f"login with {deadline:.1f} s:")
    try:
        async with asyncio.timeout(deadline):
            await login(s)
        print(f"{now():.2f} s  welcome, {s.user}")
    except TimeoutError:
        still = "yes" if s.connected else "no"
        print(f"{now():.2f} s  timed out; still connected? {still}")


async def main() -> None:
    await try_login(Session("ada"), 1.0)
    await try_login(Session("bob"), 2.0)


asyncio.run(main())
