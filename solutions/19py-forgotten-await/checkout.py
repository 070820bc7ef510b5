"""Exercise 19py: the forgotten await.

The idea (lesson 09, futures), as Python says it:
  1. Calling a coroutine function, pack(items), runs none of its body: it
     makes a coroutine object, a call waiting to be awaited. Without
     `await` the object is dropped unrun, and Python warns (on stderr)
     "RuntimeWarning: coroutine 'pack' was never awaited".
  2. `await pack(items)` runs it and gives its return value.
  3. A future is a placeholder: the name `price` is the placeholder, not
     the value. `await price` waits until someone sets it and gives the
     value; price.result() reads it only if it is already set (else
     InvalidStateError: Result is not set.).
  4. In C none of this can happen: calling a coroutine function from a
     task is awaiting it. Python makes you say `await`.

Your task: run this program. It prints a future and a coroutine object
where the bill should be, in no time, with a warning. Make checkout wait
for both, so that the program prints
    pay 12 for 2 bags
    checkout at 0.30 s

Run it: make run EX=19py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=19py    Stuck? python3 grader/grade.py --hint 19py
"""
import asyncio
import time


async def pack(items):
    """Packs the items, 0.1 s each; returns how many bags (two a bag)."""
    await asyncio.sleep(0.1 * len(items))
    return (len(items) + 1) // 2


async def checkout(items, price):
    """Packs the items and waits for the price (a future the clerk sets
    when the price is known), then prints the bill."""
    # Why: await runs the coroutine, and waits for the future to be set.
    bags = await pack(items)
    p = await price
    print(f"pay {p} for {bags} bags")


async def clerk(price, amount, seconds):
    """Looks the price up (it takes a while), then sets it."""
    await asyncio.sleep(seconds)
    price.set_result(amount)


async def main():
    start = time.perf_counter()
    price = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(clerk(price, 12, 0.2))
    await checkout(["bread", "milk", "eggs"], price)
    print(f"checkout at {time.perf_counter() - start:.2f} s")
    await task


if __name__ == "__main__":
    asyncio.run(main())
