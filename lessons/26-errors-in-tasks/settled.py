# settled.py: the asyncio twin of settled.c.
import asyncio


class BadRequest(Exception):
    code = 4


async def check(n: int) -> int:
    await asyncio.sleep(0.1 * n)
    if n == 2:
        raise BadRequest(f"host {n}: bad request")
    return 200


async def main() -> None:
    start = asyncio.get_running_loop().time()
    ts = [asyncio.create_task(check(i + 1)) for i in range(4)]
    ts[3].cancel()  # host 4 is not worth asking after all
    rs = await asyncio.gather(*ts, return_exceptions=True)
    print(f"{asyncio.get_running_loop().time() - start:.2f} s  all settled")
    for i, r in enumerate(rs):
        if isinstance(r, asyncio.CancelledError):
            print(f"host {i + 1}: cancelled")
        elif isinstance(r, Exception):
            print(f"host {i + 1}: error {r.code}, {r}")
        else:
            print(f"host {i + 1}: status {r}")


asyncio.run(main())
