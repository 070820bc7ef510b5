import asyncio


async def add_numbers(a: int, b: int) -> int:
    return a + b


loop = asyncio.new_event_loop()
task = loop.create_task(add_numbers(2, 10))
loop.run_until_complete(task)
print(task.result())
loop.close()
