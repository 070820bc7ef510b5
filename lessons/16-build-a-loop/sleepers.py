# sleepers.py: the twin of sleepers.c: the same loop over Python
# generators, with heapq as the timer heap and no asyncio at all.
import heapq
import itertools
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field

Body = Generator[float, None, None]


@dataclass
class Task:
    name: str
    interval: float
    ticks: int
    body: Body | None = field(default=None, repr=False)


now = 0.0
ready: deque[Task] = deque()
timers: list[tuple[float, int, Task]] = []  # a heap on (when, seq)
seq = itertools.count()


def step(t: Task) -> None:
    assert t.body is not None
    try:
        wish = next(t.body)
    except StopIteration:
        print(f"{now:.2f}  loop: {t.name} finished")
        return
    if wish > 0:
        heapq.heappush(timers, (now + wish, next(seq), t))
    else:
        ready.append(t)


def run_once() -> bool:
    global now
    # 1. How long to wait: not at all if a task is ready.
    if not ready and not timers:
        return False
    # 2. Wait: on a virtual clock, jump to the earliest deadline.
    if not ready and timers[0][0] > now:
        now = timers[0][0]
    # 3. Every timer now due joins the ready queue, earliest first.
    while timers and timers[0][0] <= now:
        ready.append(heapq.heappop(timers)[2])
    # 4. Run exactly the tasks ready now.
    for _ in range(len(ready)):
        step(ready.popleft())
    return True


def ticker(t: Task) -> Body:
    for i in range(1, t.ticks + 1):
        print(f"{now:.2f}  {t.name}: tick {i}")
        yield t.interval  # "sleep"


tasks = [Task("fast", 0.3, 4), Task("slow", 0.5, 3), Task("eager", 0, 2)]
for task in tasks:
    task.body = ticker(task)
    ready.append(task)
while run_once():
    pass
