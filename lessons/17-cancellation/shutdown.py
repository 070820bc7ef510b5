# shutdown.py: the asyncio twin of shutdown.c.
import asyncio
import time
from dataclasses import dataclass

START = 0.0  # when main began


@dataclass
class Service:
    name: str
    every: float
    rounds: int = 0


async def service(s: Service) -> None:
    try:
        while True:
            await asyncio.sleep(s.every)
            s.rounds += 1
    finally:
        print(f"{time.perf_counter() - START:.2f} s  {s.name}: stopped "
              f"after {s.rounds} rounds, cleaned up")


async def main() -> None:
    global START
    START = time.perf_counter()
    ts = [asyncio.create_task(service(Service("heartbeat", 1.0))),
          asyncio.create_task(service(Service("flusher", 1.5)))]
    asyncio.create_task(service(Service("logger", 0.75)))  # forgotten
    await asyncio.sleep(3.5)
    print(f"{time.perf_counter() - START:.2f} s  main: shutting down")
    for t in ts:
        t.cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    print(f"{time.perf_counter() - START:.2f} s  main: both stopped, "
          "returning")


asyncio.run(main())
print("async_run returned")
