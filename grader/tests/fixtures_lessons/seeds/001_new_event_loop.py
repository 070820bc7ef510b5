import asyncio

async def my_function(argument):
    await asyncio.sleep(1)
    return argument

my_coroutine = my_function("done")
loop = asyncio.new_event_loop()
future = loop.create_task(my_coroutine)
loop.run_until_complete(future)
print(future.result())
loop.close()
