# call_soon.py: callbacks handed to the event loop with call_soon and
# call_later; run_forever runs them until one calls loop.stop() (lesson 03).
import asyncio

loop = asyncio.new_event_loop()
start = loop.time()


def say(what: str) -> None:
    print(f"{loop.time() - start:4.2f} s  {what}")


def say_and_add(what: str) -> None:
    say(what)
    loop.call_soon(say, "soon: added by the first")


def stop() -> None:
    say("stop the loop")
    loop.stop()


loop.call_later(1.0, say, "later: after 1 s")
loop.call_later(0.5, say, "later: after 0.5 s")
loop.call_soon(say_and_add, "soon: first")
loop.call_soon(say, "soon: second")
loop.call_later(1.5, stop)
print("five callbacks handed over, none has run yet")

loop.run_forever()
print("run_forever returned")
loop.close()
