# lost_update.py: the asyncio twin of lost_update.c.
import asyncio
import time

balance = 0
lock: asyncio.Lock | None = None


async def deposit(amount: int) -> None:
    global balance
    seen = balance
    await asyncio.sleep(0.1)  # the ledger's answer: every other task runs now
    balance = seen + amount
    print(f"  deposit {amount}: read {seen}, wrote {balance}")


async def deposit_locked(amount: int) -> None:
    assert lock is not None
    async with lock:
        await deposit(amount)


async def main() -> None:
    global balance, lock
    amounts = [10, 20, 30]

    print("without a lock:")
    balance = 100
    start = time.perf_counter()
    await asyncio.gather(*(deposit(a) for a in amounts))
    print(f"  balance {balance} (expected 160) after "
          f"{time.perf_counter() - start:.2f} s")

    print("with a lock:")
    lock = asyncio.Lock()
    balance = 100
    start = time.perf_counter()
    await asyncio.gather(*(deposit_locked(a) for a in amounts))
    print(f"  balance {balance} (expected 160) after "
          f"{time.perf_counter() - start:.2f} s")


asyncio.run(main())
