import asyncio
import time

SCALE = 1 / 2000
OPPONENTS, PAIR_MOVES, OUR_MOVE, THEIR_MOVE = 24, 30, 5, 55

def think(seconds):
    end = time.perf_counter() + seconds * SCALE
    while time.perf_counter() < end:
        pass

def game_sync():
    for _ in range(PAIR_MOVES):
        think(OUR_MOVE)
        time.sleep(THEIR_MOVE * SCALE)

async def game_async():
    for _ in range(PAIR_MOVES):
        think(OUR_MOVE)
        await asyncio.sleep(THEIR_MOVE * SCALE)

async def exhibition_async():
    await asyncio.gather(*(game_async() for _ in range(OPPONENTS)))

s = time.perf_counter()
for _ in range(OPPONENTS):
    game_sync()
sync_real = time.perf_counter() - s

s = time.perf_counter()
asyncio.run(exhibition_async())
async_real = time.perf_counter() - s

print(f"sync : {sync_real:.2f} s real = {sync_real / SCALE / 3600:.2f} simulated hours")
print(f"async: {async_real:.2f} s real = {async_real / SCALE / 60:.1f} simulated minutes")
