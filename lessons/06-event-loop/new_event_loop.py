import asyncio


async def my_function(argument: str) -> str:
    await asyncio.sleep(1)
    return argument


loop = asyncio.new_event_loop()
task = loop.create_task(my_function("done"))
loop.run_until_complete(task)
print(task.result())
loop.close()
