"""driver.py: other logins, each timed, with what is left open after it.
Given a seed (the grader draws one each time it grades), the step times
are drawn from it; with none, they are those below. Exercise 37py."""
import asyncio
import random
import sys
import time

import login as lg


def logins():
    if len(sys.argv) < 2:
        return [lg.Login("dee", 0.1, 0.1, 0.1), lg.Login("fay", 0.3, 0.3, 0.6),
                lg.Login("eve", 2.0, 0.1, 0.1), lg.Login("gus", 0.4, 0.9, 0.1)]
    rng = random.Random(int(sys.argv[1]))
    out = []
    for name in rng.sample(["dee", "fay", "eve", "gus", "hal", "ivy"], 4):
        # tenths and a twentieth: no step ends right at the deadline
        steps = [rng.randint(0, 8) / 10 + 0.05 for _ in range(3)]
        out.append(lg.Login(name, *steps))
    return out


async def main():
    for login in logins():
        start = time.perf_counter()
        ok = await lg.sign_in(login)
        print(f"{login.user}: {'in' if ok else 'out'} in "
              f"{time.perf_counter() - start:.2f} s; connections "
              f"{lg.connections}, tokens {lg.tokens}")


asyncio.run(main())
