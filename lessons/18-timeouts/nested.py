# nested.py: the asyncio twin of nested.c.
import asyncio
import time

START = 0.0  # when this checkout began


def say(text: str) -> None:
    print(f"{time.perf_counter() - START:.2f} s  {text}")


async def recommend() -> None:
    try:
        await asyncio.sleep(0.8)
    except asyncio.CancelledError:
        say("recommendations: cut off")
        raise
    say("recommendations: shown")


async def checkout() -> None:
    try:
        await asyncio.sleep(0.4)
        say("cart checked")
        try:
            async with asyncio.timeout(0.5):
                await recommend()
        except TimeoutError:
            say("recommendations skipped")
        await asyncio.sleep(0.6)
        say("paid")
    except asyncio.CancelledError:
        say("checkout: cut off")
        raise


async def try_checkout(deadline: float) -> None:
    global START
    START = time.perf_counter()
    print(f"checkout within {deadline:.1f} s:")
    try:
        async with asyncio.timeout(deadline):
            await checkout()
        say("main: order placed")
    except TimeoutError:
        say("main: checkout timed out")


async def main() -> None:
    await try_checkout(2.0)
    await try_checkout(0.6)


asyncio.run(main())
