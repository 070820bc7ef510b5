# roundrobin.py: the twin of roundrobin.c: the same loop over Python
# generators, with no asyncio at all.
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass

Body = Generator[None, None, None]


@dataclass
class Task:
    name: str
    body: Body


ready: deque[Task] = deque()


def spawn(name: str, body: Body) -> None:
    ready.append(Task(name, body))


def run() -> None:
    while ready:
        t = ready.popleft()
        try:
            next(t.body)
        except StopIteration:
            print(f"loop: {t.name} finished")
        else:
            ready.append(t)


def counter(n: int) -> Body:
    for i in range(1, n + 1):
        print(f"count to {n}: {i}")
        yield  # "I would wait here": next task


spawn("a", counter(3))
spawn("b", counter(1))
spawn("c", counter(2))
print("loop: three tasks spawned, none has run")
run()
