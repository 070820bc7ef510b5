"""Exercise 17py: breakfast, concurrently, in asyncio.

The idea (lesson 08, tasks and their order), as Python says it:
  1. `await cook(d)` runs the coroutine to its end before the next line:
     three such awaits take the sum of the three waits.
  2. cook(d) alone, with no await, runs nothing: it is a coroutine object,
     a call that has not started. Only awaiting it, or wrapping it in a
     task, runs it.
  3. asyncio.create_task(cook(d)) starts it as a task of its own: it runs
     at the loop's next turn, and its waits overlap with everyone else's.
  4. `await task` then collects each result, in any order: a task that is
     already done gives its result at once.

Your task: this is exercise 17's C solution, translated, except that
cook_all cooks one dish after another (1.00 s). Make it cook them all at
once, so that the program prints the ready lines in the order the dishes
finish (toast, coffee, eggs), "3 dishes, 6 minutes of work" and
"served in 0.50 s".

Run it: make run EX=17py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=17py    Stuck? python3 grader/grade.py --hint 17py
"""
import asyncio
import time
from collections import namedtuple

# seconds: cooking time; minutes: the cook's hands-on minutes (the result)
Dish = namedtuple("Dish", "name seconds minutes")


async def cook(dish):
    """Starts a dish, waits while it cooks, returns the cook's minutes."""
    print(f"start {dish.name}")
    await asyncio.sleep(dish.seconds)
    print(f"{dish.name} ready")
    return dish.minutes


async def cook_all(dishes):
    """Cooks the dishes and returns the total minutes."""
    minutes = 0
    # TODO: this cooks one dish at a time. Start every dish as a task
    # first, then await them all and add up their minutes.
    for dish in dishes:
        minutes += await cook(dish)
    return minutes


async def main():
    breakfast = [Dish("coffee", 0.3, 1), Dish("eggs", 0.5, 3),
                 Dish("toast", 0.2, 2)]
    print(f"3 dishes, {await cook_all(breakfast)} minutes of work")


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    print(f"served in {time.perf_counter() - start:.2f} s")
