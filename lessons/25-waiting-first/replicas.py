# replicas.py: the asyncio twin of replicas.c.
import asyncio


START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def ask(name: str, latency: float) -> str:
    try:
        await asyncio.sleep(latency)
    except asyncio.CancelledError:
        print(f"{now():.2f} s  {name} cancelled")
        raise
    print(f"{now():.2f} s  {name} answers")
    return name


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    replicas = [("eu", 0.30), ("us", 0.12), ("asia", 0.25)]
    tasks = [asyncio.create_task(ask(n, l)) for n, l in replicas]
    done, pending = await asyncio.wait(tasks,
                                       return_when=asyncio.FIRST_COMPLETED)
    first = done.pop()
    print(f"{now():.2f} s  first answer from {first.result()}; "
          f"{len(pending)} still running")
    for t in tasks:  # in argument order, as the C program does
        if t in pending:
            t.cancel()
    await asyncio.wait(pending)
    print(f"{now():.2f} s  the others are gone")


asyncio.run(main())
