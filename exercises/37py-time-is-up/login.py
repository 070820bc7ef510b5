"""Exercise 37py: time is up: a deadline and the TimeoutError it raises.

The idea (lesson 18, timeouts), as Python says it:
  1. `async with asyncio.timeout(s):` puts one deadline on a whole block
     of awaits. When it passes, the await running then is cancelled (a
     CancelledError inside, so the code's own cleanup runs), and as the
     block ends, asyncio turns that into a TimeoutError for you.
  2. So catch TimeoutError around the block, not CancelledError, and not
     inside the block: inside, it is still a cancellation.
  3. `await asyncio.wait_for(coro, s)` does the same for one awaitable.
     Without `await`, wait_for makes a coroutine that never runs.
  4. In C, async_timeout returns false; in Python the deadline arrives as
     an exception you must catch, or it ends your program.

Your task: sign_in runs a login with no deadline, so bob's slow login
(1.2 s, though no step is slow) and cy's stuck one get through late. Give
the whole login DEADLINE seconds and return whether it finished in time:
ada signs in at 0.70 s, bob and cy time out at 1.00 s, each giving back
what it had taken (login_steps does that when it is cancelled).

Run it: make run EX=37py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=37py    Stuck? python3 grader/grade.py --hint 37py
"""
import asyncio
import time
from dataclasses import dataclass

DEADLINE = 1.0  # seconds a whole login may take


@dataclass
class Login:
    user: str
    connect: float  # seconds each step takes
    auth: float
    session: float


connections = 0  # connections open right now
tokens = 0       # tokens issued and not revoked


async def login_steps(login):
    """The three steps of a login; cancelled, it gives back what it took."""
    global connections, tokens
    await asyncio.sleep(login.connect)
    connections += 1
    print(f"{login.user}: connected")
    try:
        await asyncio.sleep(login.auth)
        tokens += 1
        print(f"{login.user}: authenticated")
        try:
            await asyncio.sleep(login.session)
            print(f"{login.user}: session open")
        except asyncio.CancelledError:
            tokens -= 1
            print(f"{login.user}: token revoked")
            raise
    except asyncio.CancelledError:
        connections -= 1
        print(f"{login.user}: disconnected")
        raise


async def sign_in(login):
    """Runs the login, giving it DEADLINE seconds in all. Returns whether
    it signed in in time."""
    # TODO: no deadline: a slow login takes as long as it likes. Put
    # DEADLINE on the whole login and say False if it passes.
    await login_steps(login)
    return True


async def main():
    users = [Login("ada", 0.2, 0.3, 0.2), Login("bob", 0.3, 0.5, 0.4),
             Login("cy", 5.0, 0.1, 0.1)]
    for login in users:
        start = time.perf_counter()
        ok = await sign_in(login)
        print(f"{login.user}: {'signed in' if ok else 'timed out'} at "
              f"{time.perf_counter() - start:.2f} s")
    print(f"connections: {connections}, tokens: {tokens}")


if __name__ == "__main__":
    asyncio.run(main())
