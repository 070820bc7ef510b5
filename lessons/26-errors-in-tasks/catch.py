# catch.py: the asyncio twin of catch.c.
import asyncio


class Miss(Exception):
    code = 1


class CacheBroken(Exception):
    code = 2


async def cache_get(key: str) -> int:
    await asyncio.sleep(0.01)
    if key == "home":
        return 1
    if key == "cart":
        raise CacheBroken("cache: connection reset")
    raise Miss(f"{key}: not cached")


async def page(key: str) -> int:
    try:
        v = await cache_get(key)
    except Miss as e:          # anything else goes on
        await asyncio.sleep(0.2)  # the origin is slower
        print(f"{key}: from the origin ({e})")
        return 2
    print(f"{key}: from the cache")
    return v


async def main() -> None:
    for key in ("home", "news", "cart"):
        try:
            await page(key)
        except Exception as e:
            print(f"{key}: error page, {e} (code {e.code})")


asyncio.run(main())
