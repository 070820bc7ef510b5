# coroutine_object.py: calling a coroutine function runs nothing; awaiting
# the coroutine object runs it (lesson 05).
import asyncio


async def my_function(argument: int) -> int:
    print("running with", argument)
    return argument * 2


async def main() -> None:
    my_coroutine = my_function(21)  # a coroutine object; nothing ran
    print("nothing ran yet")
    result = await my_coroutine  # now the body runs
    print(result)
    result = await my_function(5)  # the usual one-step form
    print(result)


asyncio.run(main())
