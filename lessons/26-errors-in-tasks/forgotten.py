# forgotten.py: the asyncio twin of forgotten.c.
import asyncio


class SmtpDown(Exception):
    pass


async def send_receipt(order: str) -> None:
    await asyncio.sleep(0.1)
    raise SmtpDown(f"receipt for {order}: mail server down")


async def main() -> None:
    asyncio.create_task(send_receipt("order 17"))  # and forgotten
    print("order 17 placed")
    await asyncio.sleep(0.5)
    print("done: nothing seemed to go wrong")


asyncio.run(main())
