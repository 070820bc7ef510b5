# inline_vs_task.py: `await step()` runs step at once in the caller's
# task; create_task only queues it until the caller suspends (lesson 05).
import asyncio


async def step() -> int:
    print("  step: runs")
    return 1


async def main() -> None:
    print("main: calls step()")
    r = await step()
    print(f"main: step() returned {r}")

    print("main: creates a task for step")
    t = asyncio.create_task(step())
    print(f"main: task created; done? {'yes' if t.done() else 'no'}")
    print("main: awaits the task")
    r = await t
    print(f"main: the task returned {r}")


asyncio.run(main())
