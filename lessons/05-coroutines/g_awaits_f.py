# g_awaits_f.py: a coroutine awaiting another for its result (lesson 05).
import asyncio


async def f() -> str:
    await asyncio.sleep(1)
    return "result of f"


async def g() -> str:
    # Pause here and come back to g() when f() is ready
    r = await f()
    return r


print(asyncio.run(g()))
