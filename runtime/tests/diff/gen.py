"""gen.py: random asyncio programs and their C twins, from a seed.

A program is a tree of statements in a few functions: main (function 0),
tasks it spawns, bodies run inline (awaited, or under a timeout) and async
generators. Every function is used by exactly one site, and a task can
only await tasks of a higher number, so awaiting never makes a cycle
(events, locks and queues still can: both sides then report a deadlock).

The same tree is written twice: as an asyncio script (`python(prog)`) and
as C against runtime/async.h (`c(prog, prefix)`), printing the same lines:
`<loop time, 6 decimals> <label> [values]`. Every Python `finally` is a C
cleanup handler, and both print and count, so a handler that runs twice,
or never, shows as a line too many or missing.

Sleeps are whole multiples of 10 ms: deadlines from different sleeps stay
far apart, and near ties come only from the per-step cost and wake-up
latency that grader/vclock.py and runtime/clock.c both charge. The Python
runner (run.py) still refuses a program whose order would hang on a
rounding error (see its timing checks).
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Iterator

DURATIONS = [0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3]


# ---- The tree -----------------------------------------------------------------

@dataclass
class Stmt:
    kind: str                 # see the emitters below for the list
    sid: int                  # unique in the program: its lines' label
    arg: dict = field(default_factory=dict)
    body: list["Stmt"] = field(default_factory=list)


@dataclass
class Fn:
    idx: int
    kind: str                 # main, task, inline, gen
    body: list[Stmt] = field(default_factory=list)

    @property
    def name(self) -> str:
        return ("g" if self.kind == "gen" else "f") + str(self.idx)

    @property
    def ret(self) -> int:
        return 100 * self.idx + 7


@dataclass
class Program:
    seed: int
    fns: list[Fn]
    n_events: int
    n_locks: int
    queues: list[int]           # maxsize of each
    closer: float | None        # when the closer sets events, fills queues

    def stmts(self) -> Iterator[Stmt]:
        def walk(body: list[Stmt]) -> Iterator[Stmt]:
            for s in body:
                yield s
                yield from walk(s.body)
        for f in self.fns:
            yield from walk(f.body)


# ---- Generating ----------------------------------------------------------------

# Divergences already reported and not fixed yet: the generator steers
# around them unless asked (run.py --allow NAME), so that the fuzzing finds
# new ones instead of these again.
KNOWN = {
    # LeakSanitizer: a gather whose gathering task unwound, with a child
    # that ends only at shutdown, is never freed (the child's done-callback
    # is queued in the last iteration of async_loop_close and never runs).
    # run.py lets exactly that leak pass.
    "gather_leak_at_close",
}


class Gen:
    def __init__(self, seed: int, size: int | None = None,
                 allow: frozenset[str] = frozenset()) -> None:
        self.allow = allow
        self.task_of: dict[int, int] = {0: 0}
        self.r = random.Random(seed)
        self.seed = seed
        self.fns: list[Fn] = []
        self.sid = 0
        r = self.r
        self.budget = size if size is not None else r.randint(6, 40)
        self.n_events = r.choice([0, 1, 1, 2])
        self.n_locks = r.choice([0, 1, 1, 2])
        self.queues = [r.choice([0, 0, 1, 2]) for _ in range(r.choice([0, 1, 1, 2]))]
        self.closer = r.choice([0.2, 0.5, 1.0]) if (
            self.n_events or self.queues) else None
        self.max_fns = r.randint(2, 9)

    def new_fn(self, kind: str, by: Fn | None = None) -> Fn:
        f = Fn(len(self.fns), kind)
        self.fns.append(f)
        # The task that runs f's body: its own, or its caller's.
        self.task_of[f.idx] = f.idx if kind == "task" else \
            self.task_of[by.idx] if by is not None else f.idx
        return f

    def next_sid(self) -> int:
        self.sid += 1
        return self.sid

    def dur(self) -> float:
        return self.r.choice(DURATIONS)

    def task_slots_after(self, idx: int) -> list[int]:
        return [f.idx for f in self.fns if f.kind == "task" and f.idx > idx]

    def all_slots(self) -> list[int]:
        return [f.idx for f in self.fns if f.kind in ("task", "main")]

    def program(self) -> Program:
        main = self.new_fn("main")
        main.body = self.block(main, depth=0, can_spawn=True, in_gen=False,
                               n=self.r.randint(3, 8))
        # Bodies of functions created while generating, in creation order.
        done = {0}
        while len(done) < len(self.fns):
            for f in list(self.fns):
                if f.idx in done:
                    continue
                done.add(f.idx)
                spawn_ok = f.kind == "task" or getattr(f, "spawn_ok", False)
                f.body = self.block(f, depth=1, can_spawn=spawn_ok,
                                    in_gen=f.kind == "gen",
                                    n=self.r.randint(1, 6))
                if f.kind == "gen" and not any(
                        s.kind == "yield" for s in walk_all(f.body)):
                    f.body.append(Stmt("yield", self.next_sid()))
        return Program(self.seed, self.fns, self.n_events, self.n_locks,
                       self.queues, self.closer)

    def block(self, owner: Fn, depth: int, can_spawn: bool, in_gen: bool,
              n: int) -> list[Stmt]:
        out = []
        for _ in range(n):
            if self.budget <= 0:
                break
            self.budget -= 1
            s = self.stmt(owner, depth, can_spawn, in_gen)
            if s is not None:
                out.append(s)
        return out

    def stmt(self, owner: Fn, depth: int, can_spawn: bool,
             in_gen: bool) -> Stmt | None:
        r = self.r
        kinds = ["print", "sleep", "sleep", "sleep0", "sleep0", "finally",
                 "cancel"]
        more_fns = len(self.fns) < self.max_fns
        if can_spawn and more_fns:
            kinds += ["spawn"] * 4
        if self.task_slots_after(owner.idx):
            kinds += ["await", "await", "gather", "gather", "as_completed",
                      "as_completed", "wait_for", "wait_for", "shield",
                      "shield"]
        if more_fns and depth < 4:
            kinds += ["timeout", "call", "genfor"]
        if depth < 3:
            kinds += ["loop"]
        if self.n_events:
            kinds += ["ev_set", "ev_wait", "ev_wait", "ev_clear"]
        if self.n_locks and depth < 4:
            kinds += ["locked", "locked"]
        if self.queues:
            kinds += ["q_put", "q_get", "q_put_nowait", "q_get_nowait",
                      "q_join"]
        if in_gen:
            kinds += ["yield"] * 4
        k = r.choice(kinds)
        sid = self.next_sid()
        s = Stmt(k, sid)
        a = s.arg
        sub = dict(depth=depth + 1, can_spawn=False, in_gen=in_gen)
        if k == "sleep":
            a["d"] = self.dur()
        elif k == "spawn":
            f = self.new_fn("task")
            a["fn"] = f.idx
        elif k in ("await", "shield"):
            a["slot"] = r.choice(self.task_slots_after(owner.idx))
        elif k == "wait_for":
            a["slot"] = r.choice(self.task_slots_after(owner.idx))
            a["d"] = self.dur()
        elif k in ("gather", "as_completed"):
            slots = self.task_slots_after(owner.idx)
            a["slots"] = r.sample(slots, r.randint(1, min(3, len(slots))))
        elif k == "cancel":
            slots = [x for x in self.all_slots() if x != 0] * 4
            a["slot"] = r.choice(slots + [0, "self"])
        elif k in ("timeout", "call"):
            f = self.new_fn("inline", owner)
            f.spawn_ok = can_spawn  # type: ignore[attr-defined]
            a["fn"] = f.idx
            if k == "timeout":
                a["d"] = self.dur()
        elif k == "genfor":
            f = self.new_fn("gen", owner)
            a["fn"] = f.idx
            a["brk"] = r.choice([None, None, 0, 1, 2])
            s.body = self.block(owner, n=r.randint(0, 2), **sub)
        elif k == "loop":
            a["n"] = r.randint(1, 3)
            s.body = self.block(owner, n=r.randint(1, 3), **sub)
        elif k == "finally":
            s.body = self.block(owner, n=r.randint(1, 4),
                                **{**sub, "can_spawn": can_spawn})
        elif k == "locked":
            a["l"] = r.randrange(self.n_locks)
            s.body = self.block(owner, n=r.randint(0, 3),
                                **{**sub, "can_spawn": can_spawn})
        elif k.startswith("ev_"):
            a["e"] = r.randrange(self.n_events)
        elif k.startswith("q_"):
            a["q"] = r.randrange(len(self.queues))
        return s


def n_slots(prog: Program) -> int:
    """Size of the task table: every function number and every slot a
    statement names (a shrunk program may name a function it dropped)."""
    n = max(f.idx for f in prog.fns)
    for s in prog.stmts():
        for x in [s.arg.get("slot"), *s.arg.get("slots", [])]:
            if isinstance(x, int):
                n = max(n, x)
    return n + 1


def walk_all(body: list[Stmt]) -> Iterator[Stmt]:
    for s in body:
        yield s
        yield from walk_all(s.body)


def generate(seed: int, allow: frozenset[str] = frozenset()) -> Program:
    return Gen(seed, allow=allow).program()


def to_json(prog: Program) -> dict:
    return asdict(prog)


def from_json(d: dict) -> Program:
    def stmt(x: dict) -> Stmt:
        return Stmt(x["kind"], x["sid"], x["arg"],
                    [stmt(y) for y in x["body"]])
    fns = [Fn(f["idx"], f["kind"], [stmt(y) for y in f["body"]])
           for f in d["fns"]]
    return Program(d["seed"], fns, d["n_events"], d["n_locks"],
                   d["queues"], d["closer"])


# ---- Python ----------------------------------------------------------------------

PY_HEAD = '''\
import asyncio

T = [None] * {nt}
EV, LK, Q = [], [], []
CLEAN = 0
DONE = False  # the run is over (set by run.py)


def p(text):
    if not DONE:
        print(f"{{asyncio.get_running_loop().time():.6f}} {{text}}")


def fin(text):
    global CLEAN
    CLEAN += 1
    p(text)


def as_completed(fs):
    # asyncio.as_completed, but it hooks the tasks in argument order where
    # asyncio's iterates over set(fs), in address order: tasks already done
    # come out in any order there. This is one of those orders, the
    # runtime's.
    done = asyncio.Queue()

    def on_completion(f):
        done.put_nowait(f)

    for f in fs:
        f.add_done_callback(on_completion)

    async def wait_for_one():
        return (await done.get()).result()

    for _ in fs:
        yield wait_for_one()

'''

PY_TAIL = '''

def run():
    try:
        asyncio.run(f0())
    except asyncio.CancelledError:
        print("main cancelled")
    print(f"cleanups {CLEAN}")


if __name__ == "__main__":
    run()
'''


class PyWriter:
    def __init__(self, prog: Program) -> None:
        self.prog = prog
        self.lines: list[str] = []

    def w(self, ind: int, text: str) -> None:
        self.lines.append("    " * ind + text)

    def fn(self, f: Fn) -> None:
        if f.kind == "gen":
            self.w(0, f"async def {f.name}():")
        else:
            self.w(0, f"async def {f.name}():")
        if f.kind == "main":
            self.main_head()
        self.w(1, f'p("{f.name} start")')
        self.body(f.body, 1, f)
        if f.kind == "main":
            self.w(1, 'p("f0 end")')
        elif f.kind != "gen":
            self.w(1, f'p("{f.name} end")')
            self.w(1, f"return {f.ret}")
        else:
            self.w(1, f'p("{f.name} end")')
        self.w(0, "")
        self.w(0, "")

    def main_head(self) -> None:
        p = self.prog
        self.w(1, "T[0] = asyncio.current_task()")
        for _ in range(p.n_events):
            self.w(1, "EV.append(asyncio.Event())")
        for _ in range(p.n_locks):
            self.w(1, "LK.append(asyncio.Lock())")
        for m in p.queues:
            self.w(1, f"Q.append(asyncio.Queue({m}))")
        if p.closer is not None:
            self.w(1, "asyncio.create_task(closer())")

    def closer(self) -> None:
        p = self.prog
        self.w(0, "async def closer():")
        self.w(1, "for n in range(3):")
        self.w(2, f"await asyncio.sleep({p.closer!r})")
        self.w(2, 'p("closer")')
        self.w(2, "for e in EV:")
        self.w(3, "e.set()")
        self.w(2, "for q in Q:")
        self.w(3, "for i in range(4):")
        self.w(4, "if not q.full():")
        self.w(5, "q.put_nowait(900 + i)")
        self.w(2, f"await asyncio.sleep({p.closer!r})")
        self.w(2, "for q in Q:")
        self.w(3, "while not q.empty():")
        self.w(4, "q.get_nowait()")
        self.w(4, "q.task_done()")
        self.w(0, "")
        self.w(0, "")

    def body(self, stmts: list[Stmt], ind: int, f: Fn) -> None:
        if not stmts:
            self.w(ind, "pass")
        for s in stmts:
            self.stmt(s, ind, f)

    def stmt(self, s: Stmt, i: int, f: Fn) -> None:
        a, L, w = s.arg, f"s{s.sid}", self.w
        k = s.kind
        if k == "print":
            w(i, f'p("{L}")')
        elif k == "sleep":
            w(i, f"await asyncio.sleep({a['d']!r})")
        elif k == "sleep0":
            w(i, "await asyncio.sleep(0)")
        elif k == "spawn":
            w(i, f"T[{a['fn']}] = asyncio.create_task(f{a['fn']}())")
            w(i, f'p("{L} spawn f{a["fn"]}")')
        elif k == "await":
            t = f"T[{a['slot']}]"
            w(i, f"if {t} is not None:")
            w(i + 1, f'p(f"{L} await {{await {t}}}")')
        elif k == "shield":
            t = f"T[{a['slot']}]"
            w(i, f"if {t} is not None:")
            w(i + 1, f'p(f"{L} shield {{await asyncio.shield({t})}}")')
        elif k == "wait_for":
            t = f"T[{a['slot']}]"
            w(i, f"if {t} is not None:")
            w(i + 1, "try:")
            w(i + 2, f"r = await wait_for({t}, {a['d']!r})")
            w(i + 2, f'p(f"{L} wait_for {{r}}")')
            w(i + 1, "except TimeoutError:")
            w(i + 2, f'p("{L} wait_for timeout")')
        elif k in ("gather", "as_completed"):
            ts = ", ".join(f"T[{x}]" for x in a["slots"])
            cond = " and ".join(f"T[{x}] is not None" for x in a["slots"])
            w(i, f"if {cond}:")
            if k == "gather":
                w(i + 1, f"rs = await asyncio.gather({ts})")
                w(i + 1, f'p("{L} gather " + " ".join(map(str, rs)))')
            else:
                w(i + 1, f"for c in as_completed([{ts}]):")
                w(i + 2, f'p(f"{L} next {{await c}}")')
        elif k == "cancel":
            t = "asyncio.current_task()" if a["slot"] == "self" \
                else f"T[{a['slot']}]"
            w(i, f"if {t} is not None:")
            w(i + 1, f'p(f"{L} cancel {{{t}.cancel()}}")')
        elif k == "timeout":
            w(i, "try:")
            w(i + 1, f"async with asyncio.timeout({a['d']!r}):")
            w(i + 2, f"r = await f{a['fn']}()")
            w(i + 1, f'p(f"{L} timeout ok {{r}}")')
            w(i, "except TimeoutError:")
            w(i + 1, f'p("{L} timed out")')
        elif k == "call":
            w(i, f'p(f"{L} call {{await f{a["fn"]}()}}")')
        elif k == "genfor":
            g = f"it{s.sid}"
            w(i, f"{g} = g{a['fn']}()")
            w(i, "try:")
            v = f"v{s.sid}"
            w(i + 1, f"async for {v} in {g}:")
            w(i + 2, f'p(f"{L} item {{{v}}}")')
            self.body(s.body, i + 2, f)
            if a["brk"] is not None:
                w(i + 2, f"if {v} % 3 == {a['brk']}:")
                w(i + 3, "break")
            w(i, "finally:")
            w(i + 1, f"await {g}.aclose()")
            w(i + 1, f'fin("{L} closed")')
        elif k == "loop":
            w(i, f"for _ in range({a['n']}):")
            self.body(s.body, i + 1, f)
        elif k == "finally":
            w(i, "try:")
            self.body(s.body, i + 1, f)
            w(i, "finally:")
            w(i + 1, f'fin("{L} finally")')
        elif k == "locked":
            lk = f"LK[{a['l']}]"
            w(i, f"await {lk}.acquire()")
            w(i, "try:")
            w(i + 1, f'p("{L} locked")')
            self.body(s.body, i + 1, f)
            w(i, "finally:")
            w(i + 1, f'fin("{L} unlock")')
            w(i + 1, f"{lk}.release()")
        elif k == "ev_set":
            w(i, f"EV[{a['e']}].set()")
            w(i, f'p("{L} set")')
        elif k == "ev_clear":
            w(i, f"EV[{a['e']}].clear()")
            w(i, f'p("{L} clear")')
        elif k == "ev_wait":
            w(i, f"await EV[{a['e']}].wait()")
            w(i, f'p("{L} woke")')
        elif k == "q_put":
            w(i, f"await Q[{a['q']}].put({s.sid})")
            w(i, f'p("{L} put")')
        elif k == "q_put_nowait":
            w(i, "try:")
            w(i + 1, f"Q[{a['q']}].put_nowait({s.sid})")
            w(i + 1, f'p("{L} put_nowait")')
            w(i, "except asyncio.QueueFull:")
            w(i + 1, f'p("{L} full")')
        elif k == "q_get":
            w(i, f"v = await Q[{a['q']}].get()")
            w(i, f"Q[{a['q']}].task_done()")
            w(i, f'p(f"{L} got {{v}}")')
        elif k == "q_get_nowait":
            w(i, "try:")
            w(i + 1, f"v = Q[{a['q']}].get_nowait()")
            w(i + 1, f"Q[{a['q']}].task_done()")
            w(i + 1, f'p(f"{L} got {{v}}")')
            w(i, "except asyncio.QueueEmpty:")
            w(i + 1, f'p("{L} empty")')
        elif k == "q_join":
            w(i, f"await Q[{a['q']}].join()")
            w(i, f'p("{L} joined")')
        elif k == "yield":
            w(i, f"yield {s.sid}")
        else:
            raise ValueError(k)


WAIT_FOR_312 = '''\
async def wait_for(fut, timeout):
    # asyncio 3.12's wait_for (the runtime documents this one): a timeout
    # around the await. 3.11's waits on an extra future, one iteration
    # later; run.py --wait-for=3.11 uses asyncio's own.
    async with asyncio.timeout(timeout):
        return await fut


'''


def python(prog: Program, wait_for: str = "3.12") -> str:
    pw = PyWriter(prog)
    head = PY_HEAD.format(nt=n_slots(prog))
    if wait_for == "3.12":
        head += "\n" + WAIT_FOR_312
    else:
        head += "\nwait_for = asyncio.wait_for\n\n\n"
    if prog.closer is not None:
        pw.closer()
    for f in prog.fns:
        pw.fn(f)
    return f"# difftest seed {prog.seed}\n" + head + "\n".join(
        pw.lines).rstrip() + "\n" + PY_TAIL


# ---- C -------------------------------------------------------------------------

C_HEAD = '''\
/* difftest seed {seed} */
static async_task *{P}T[{nt}];
static async_event *{P}EV[{ne}];
static async_lock *{P}LK[{nl}];
static async_queue *{P}Q[{nq}];
static int {P}clean;
'''


class CWriter:
    def __init__(self, prog: Program, P: str) -> None:
        self.prog = prog
        self.P = P
        self.protos: list[str] = []
        self.lines: list[str] = []

    def w(self, ind: int, text: str) -> None:
        self.lines.append("    " * ind + text)

    def sig(self, f: Fn) -> str:
        P = self.P
        if f.kind == "gen":
            return f"static void {P}{f.name}(async_gen *g, void *arg)"
        return f"static async_value {P}{f.name}(void *arg)"

    def fn(self, f: Fn) -> None:
        P = self.P
        self.protos.append(self.sig(f) + ";")
        self.w(0, self.sig(f))
        self.w(0, "{")
        self.w(1, "(void)arg;")
        if f.kind == "gen":
            self.w(1, "(void)g;")
        if f.kind == "main":
            self.main_head()
        self.w(1, f'dt_p("{f.name} start");')
        self.body(f.body, 1, f)
        self.w(1, f'dt_p("{f.name} end");')
        if f.kind != "gen":
            self.w(1, f"return ASYNC_INT({f.ret});")
        self.w(0, "}")
        self.w(0, "")

    def main_head(self) -> None:
        p, P = self.prog, self.P
        self.w(1, f"{P}T[0] = async_current_task();")
        for e in range(p.n_events):
            self.w(1, f"{P}EV[{e}] = async_event_new();")
        for n in range(p.n_locks):
            self.w(1, f"{P}LK[{n}] = async_lock_new();")
        for n, m in enumerate(p.queues):
            self.w(1, f"{P}Q[{n}] = async_queue_new({m});")
        if p.closer is not None:
            self.w(1, f"async_create_task_named({P}closer, NULL, \"closer\");")

    def closer(self) -> None:
        p, P = self.prog, self.P
        self.protos.append(f"static async_value {P}closer(void *arg);")
        self.w(0, f"static async_value {P}closer(void *arg)")
        self.w(0, "{")
        self.w(1, "(void)arg;")
        self.w(1, "for (int n = 0; n < 3; n++) {")
        self.w(2, f"async_sleep({p.closer!r});")
        self.w(2, 'dt_p("closer");')
        for e in range(p.n_events):
            self.w(2, f"async_event_set({P}EV[{e}]);")
        for n in range(len(p.queues)):
            self.w(2, "for (long i = 0; i < 4; i++)")
            self.w(3, f"if (!async_queue_full({P}Q[{n}]))")
            self.w(4, f"async_queue_put_nowait({P}Q[{n}], ASYNC_INT(900 + i));")
        self.w(2, f"async_sleep({p.closer!r});")
        for n in range(len(p.queues)):
            self.w(2, f"while (async_queue_get_nowait({P}Q[{n}], NULL))")
            self.w(3, f"async_queue_task_done({P}Q[{n}]);")
        self.w(1, "}")
        self.w(1, "return ASYNC_NONE;")
        self.w(0, "}")
        self.w(0, "")

    def body(self, stmts: list[Stmt], ind: int, f: Fn) -> None:
        for s in stmts:
            self.stmt(s, ind, f)

    def site(self, s: Stmt, text: str, obj: str = "NULL") -> str:
        """A cleanup handler's argument: a static struct dt_site."""
        name = f"{self.P}site{s.sid}"
        self.protos.append(
            f'static struct dt_site {name} = {{"{text}", NULL, &{self.P}clean}};')
        return name

    def stmt(self, s: Stmt, i: int, f: Fn) -> None:
        a, L, w, P = s.arg, f"s{s.sid}", self.w, self.P
        k = s.kind
        if k == "print":
            w(i, f'dt_p("{L}");')
        elif k == "sleep":
            w(i, f"async_sleep({a['d']!r});")
        elif k == "sleep0":
            w(i, "async_sleep(0);")
        elif k == "spawn":
            w(i, f'{P}T[{a["fn"]}] = async_create_task_named({P}f{a["fn"]}, '
                 f'NULL, "f{a["fn"]}");')
            w(i, f'dt_p("{L} spawn f{a["fn"]}");')
        elif k in ("await", "shield"):
            t = f"{P}T[{a['slot']}]"
            call = "async_task_await" if k == "await" else "async_shield"
            w(i, f"if ({t})")
            w(i + 1, f'dt_pv("{L} {k}", {call}({t}).i);')
        elif k == "wait_for":
            t = f"{P}T[{a['slot']}]"
            w(i, f"if ({t}) {{")
            w(i + 1, "async_value v;")
            w(i + 1, f"if (async_wait_for({t}, {a['d']!r}, &v))")
            w(i + 2, f'dt_pv("{L} wait_for", v.i);')
            w(i + 1, "else")
            w(i + 2, f'dt_p("{L} wait_for timeout");')
            w(i, "}")
        elif k in ("gather", "as_completed"):
            n = len(a["slots"])
            cond = " && ".join(f"{P}T[{x}]" for x in a["slots"])
            ts = ", ".join(f"{P}T[{x}]" for x in a["slots"])
            w(i, f"if ({cond}) {{")
            w(i + 1, f"async_task *ts[{n}] = {{{ts}}};")
            if k == "gather":
                w(i + 1, f"async_value rs[{n}];")
                w(i + 1, f"async_gather(ts, {n}, rs);")
                w(i + 1, f'dt_pvs("{L} gather", rs, {n});')
            else:
                w(i + 1, f"async_as_completed *it = "
                         f"async_as_completed_new(ts, {n});")
                w(i + 1, "async_task *t;")
                w(i + 1, "while ((t = async_as_completed_next(it)) != NULL)")
                # A cancelled task's result raises CancelledError in Python:
                # awaiting a done task returns at once or unwinds the same.
                w(i + 2, f'dt_pv("{L} next", async_task_await(t).i);')
            w(i, "}")
        elif k == "cancel":
            t = "async_current_task()" if a["slot"] == "self" \
                else f"{P}T[{a['slot']}]"
            w(i, f"if ({t})")
            w(i + 1, f'dt_pb("{L} cancel", async_cancel({t}));')
        elif k == "timeout":
            w(i, "{")
            w(i + 1, "async_value v;")
            w(i + 1, f"if (async_timeout({a['d']!r}, {P}f{a['fn']}, NULL, &v))")
            w(i + 2, f'dt_pv("{L} timeout ok", v.i);')
            w(i + 1, "else")
            w(i + 2, f'dt_p("{L} timed out");')
            w(i, "}")
        elif k == "call":
            w(i, f'dt_pv("{L} call", {P}f{a["fn"]}(NULL).i);')
        elif k == "genfor":
            site = self.site(s, f"{L} closed")
            w(i, "{")
            w(i + 1, f"async_gen *gg = async_gen_new({P}g{a['fn']}, NULL);")
            w(i + 1, f"{site}.obj = gg;")
            w(i + 1, f"async_cleanup_push(dt_gclose, &{site});")
            v = f"v{s.sid}"
            w(i + 1, f"async_for ({v}, gg) {{")
            w(i + 2, f'dt_pv("{L} item", {v}.i);')
            self.body(s.body, i + 2, f)
            if a["brk"] is not None:
                w(i + 2, f"if ({v}.i % 3 == {a['brk']})")
                w(i + 3, "break;")
            w(i + 1, "}")
            w(i + 1, "async_cleanup_pop(true);")
            w(i, "}")
        elif k == "loop":
            w(i, f"for (int n{s.sid} = 0; n{s.sid} < {a['n']}; n{s.sid}++) {{")
            self.body(s.body, i + 1, f)
            w(i, "}")
        elif k == "finally":
            site = self.site(s, f"{L} finally")
            w(i, f"async_cleanup_push(dt_fin, &{site});")
            self.body(s.body, i, f)
            w(i, "async_cleanup_pop(true);")
        elif k == "locked":
            site = self.site(s, f"{L} unlock")
            w(i, f"async_lock_acquire({P}LK[{a['l']}]);")
            w(i, f"{site}.obj = {P}LK[{a['l']}];")
            w(i, f"async_cleanup_push(dt_unlock, &{site});")
            w(i, f'dt_p("{L} locked");')
            self.body(s.body, i, f)
            w(i, "async_cleanup_pop(true);")
        elif k == "ev_set":
            w(i, f"async_event_set({P}EV[{a['e']}]);")
            w(i, f'dt_p("{L} set");')
        elif k == "ev_clear":
            w(i, f"async_event_clear({P}EV[{a['e']}]);")
            w(i, f'dt_p("{L} clear");')
        elif k == "ev_wait":
            w(i, f"async_event_wait({P}EV[{a['e']}]);")
            w(i, f'dt_p("{L} woke");')
        elif k == "q_put":
            w(i, f"async_queue_put({P}Q[{a['q']}], ASYNC_INT({s.sid}));")
            w(i, f'dt_p("{L} put");')
        elif k == "q_put_nowait":
            w(i, f"if (async_queue_put_nowait({P}Q[{a['q']}], "
                 f"ASYNC_INT({s.sid})))")
            w(i + 1, f'dt_p("{L} put_nowait");')
            w(i, "else")
            w(i + 1, f'dt_p("{L} full");')
        elif k == "q_get":
            w(i, "{")
            w(i + 1, f"long v = async_queue_get({P}Q[{a['q']}]).i;")
            w(i + 1, f"async_queue_task_done({P}Q[{a['q']}]);")
            w(i + 1, f'dt_pv("{L} got", v);')
            w(i, "}")
        elif k == "q_get_nowait":
            w(i, "{")
            w(i + 1, "async_value v;")
            w(i + 1, f"if (async_queue_get_nowait({P}Q[{a['q']}], &v)) {{")
            w(i + 2, f"async_queue_task_done({P}Q[{a['q']}]);")
            w(i + 2, f'dt_pv("{L} got", v.i);')
            w(i + 1, "} else")
            w(i + 2, f'dt_p("{L} empty");')
            w(i, "}")
        elif k == "q_join":
            w(i, f"async_queue_join({P}Q[{a['q']}]);")
            w(i, f'dt_p("{L} joined");')
        elif k == "yield":
            w(i, f"async_yield(g, ASYNC_INT({s.sid}));")
        else:
            raise ValueError(k)


C_RUNTIME = '''\
/* Shared by every program of a batch. */
#include <stdio.h>
#include <string.h>

#include "async.h"

struct dt_site {
    const char *text; /* what the handler prints */
    void *obj;        /* the lock to release, the generator to close */
    int *count;       /* the program's count of handlers run */
};

static void dt_p(const char *text)
{
    printf("%.6f %s\\n", async_time(), text);
}

static void dt_pv(const char *text, long v)
{
    printf("%.6f %s %ld\\n", async_time(), text, v);
}

static void dt_pb(const char *text, bool b)
{
    printf("%.6f %s %s\\n", async_time(), text, b ? "True" : "False");
}

static void dt_pvs(const char *text, async_value *v, size_t n)
{
    printf("%.6f %s", async_time(), text);
    for (size_t i = 0; i < n; i++)
        printf(" %ld", v[i].i);
    printf("\\n");
}

static void dt_fin(void *arg)
{
    struct dt_site *s = arg;
    ++*s->count;
    dt_p(s->text);
}

static void dt_unlock(void *arg)
{
    struct dt_site *s = arg;
    ++*s->count;
    dt_p(s->text);
    async_lock_release(s->obj);
}

static void dt_gclose(void *arg)
{
    struct dt_site *s = arg;
    async_gen_close(s->obj);
    ++*s->count;
    dt_p(s->text);
}
'''


def c(prog: Program, P: str) -> tuple[str, str]:
    """The C twin as (code, name of its entry function), its names
    prefixed with P so that many programs share one file."""
    cw = CWriter(prog, P)
    if prog.closer is not None:
        cw.closer()
    for f in prog.fns:
        cw.fn(f)
    head = C_HEAD.format(seed=prog.seed, P=P, nt=n_slots(prog),
                         ne=max(1, prog.n_events), nl=max(1, prog.n_locks),
                         nq=max(1, len(prog.queues)))
    entry = f"{P}run"
    tail = f'''
static int {entry}(void)
{{
    /* asyncio.run, spelled out: async_run stops the program when main
     * ends cancelled, where asyncio.run raises CancelledError, which the
     * Python twin catches to print the line below. */
    async_loop *loop = async_loop_new();
    async_task *m = async_loop_create_task_named(loop, {P}f0, NULL, "main");
    async_loop_run_until_complete(loop, m);
    bool cancelled = async_task_cancelled(m);
    async_loop_close(loop);
    if (cancelled)
        puts("main cancelled");
    printf("cleanups %d\\n", {P}clean);
    return 0;
}}
'''
    code = head + "\n".join(cw.protos) + "\n\n" + "\n".join(cw.lines) + tail
    return code, entry


def c_batch(progs: list[Program]) -> str:
    """One C file holding every program; `./prog N` runs the Nth."""
    parts = [C_RUNTIME]
    entries = []
    for n, prog in enumerate(progs):
        code, entry = c(prog, f"p{n}_")
        parts.append(code)
        entries.append(entry)
    table = ",\n    ".join(entries)
    parts.append(f'''
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int (*const dt_programs[])(void) = {{
    {table}
}};
#define DT_N ((int)(sizeof dt_programs / sizeof dt_programs[0]))

/* Runs program n in a child of this pristine process (no loop, clock at
 * 0): cheaper than a fresh exec of a sanitized binary. Its stdout and
 * stderr go to DIR/n.out and DIR/n.err, its wait status to DIR/n.status. */
static void dt_fork(const char *dir, int n)
{{
    char path[4096];
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {{
        snprintf(path, sizeof path, "%s/%d.out", dir, n);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        snprintf(path, sizeof path, "%s/%d.err", dir, n);
        int fe = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fe, 2);
        setvbuf(stdout, NULL, _IOLBF, 0);
        alarm(60); /* a program that hangs is killed: SIGALRM */
        exit(dt_programs[n]());
    }}
    int status = 0;
    waitpid(pid, &status, 0);
    snprintf(path, sizeof path, "%s/%d.status", dir, n);
    FILE *f = fopen(path, "w");
    fprintf(f, "%d\\n", WIFEXITED(status) ? WEXITSTATUS(status)
                                          : 128 + WTERMSIG(status));
    fclose(f);
}}

int main(int argc, char **argv)
{{
    setvbuf(stdout, NULL, _IOLBF, 0); /* a crash keeps the lines before it */
    if (argc == 5 && strcmp(argv[1], "--each") == 0) {{
        /* --each DIR FIRST STEP: programs FIRST, FIRST+STEP, ... */
        for (int n = atoi(argv[3]); n < DT_N; n += atoi(argv[4]))
            dt_fork(argv[2], n);
        return 0;
    }}
    if (argc != 2 || atoi(argv[1]) < 0 || atoi(argv[1]) >= DT_N) {{
        fprintf(stderr, "usage: %s N (0 to %d), or %s --each DIR FIRST "
                "STEP\\n", argv[0], DT_N - 1, argv[0]);
        return 2;
    }}
    return dt_programs[atoi(argv[1])]();
}}
''')
    return "\n".join(parts)


if __name__ == "__main__":
    import sys
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    prog = generate(seed)
    print(python(prog))
    print(c_batch([prog]))
