# turns.py: two generators driven in turn by a plain loop, the seed of an
# event loop (lesson 04).
from collections.abc import Iterator


def worker(name: str) -> Iterator[None]:
    for step in range(1, 4):
        print(f"{name}: step {step}")
        yield
    print(f"{name}: finished")


gens = [worker("tick"), worker("tock")]
running = [True, True]
while any(running):
    for i, g in enumerate(gens):
        if running[i]:
            try:
                next(g)
            except StopIteration:
                running[i] = False
