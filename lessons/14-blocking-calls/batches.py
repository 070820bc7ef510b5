# batches.py: the asyncio twin of batches.c.
import asyncio

RECORDS = 5000
BATCH = 1000
MASK = (1 << 64) - 1  # C's unsigned long wraps at 64 bits
records_done = 0


def checksum(record: int) -> int:
    h = 5381
    for i in range(200):
        h = (h * 33 + (record ^ i)) & MASK
    return h


async def worker() -> None:
    global records_done
    total = 0
    for r in range(RECORDS):
        total ^= checksum(r)
        records_done = r + 1
        if records_done % BATCH == 0:
            await asyncio.sleep(0)  # once per batch: cheap, and often enough
    print(f"worker: checksum {total % 1000000}")


async def progress() -> None:
    while True:
        print(f"progress: {records_done} of {RECORDS}")
        if records_done == RECORDS:
            return
        await asyncio.sleep(0)


async def main() -> None:
    await asyncio.gather(worker(), progress())


asyncio.run(main())
