"""Exercise 34py: catch the cancellation, clean up, raise it again.

The idea (lesson 17, cancellation), as Python says it:
  1. task.cancel() asks a task to stop: the `await` it is suspended in
     raises asyncio.CancelledError inside it.
  2. `finally:` runs on every way out (return, error, cancellation): the
     place for what must always happen, like hanging up. It is what the C
     runtime's async_cleanup_push/pop stand for.
  3. `except asyncio.CancelledError:` runs only when cancelled: do the
     cancellation's own cleanup there, then `raise` it again, so that the
     task ends cancelled and whoever awaits it knows. Swallowed, the task
     looks as if it finished normally.
  4. CancelledError is not an Exception (it derives from BaseException):
     `except Exception:` never catches it.

Your task: download() leaves its connection open and its temporary file
behind when it is cancelled. Make it hang up on every path, delete the
temporary file only when it is cancelled (a finished download saves it),
and end cancelled, so that the program prints a's download, then b's,
cancelled at 0.45 s, each ending "open connections: 0, temp files: 0".

Run it: make run EX=34py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=34py    Stuck? python3 grader/grade.py --hint 34py
"""
import asyncio
from dataclasses import dataclass


@dataclass
class Job:
    name: str
    chunks: int        # chunks to receive
    received: int = 0  # chunks received so far


open_connections = 0  # connections open right now
temp_files = 0        # temporary files that exist right now


def hang_up(job):
    global open_connections
    open_connections -= 1
    print(f"{job.name}: connection closed")


def delete_temp(job):
    global temp_files
    temp_files -= 1
    print(f"{job.name}: temp file deleted")


def save_file(job):
    """The temporary file becomes the real one."""
    global temp_files
    temp_files -= 1
    print(f"{job.name}: saved {job.received} chunks")


async def download(job):
    """Dials (0.1 s), opens a temporary file, receives the chunks (0.1 s
    each), saves the file and hangs up; returns the chunks received."""
    global open_connections, temp_files
    await asyncio.sleep(0.1)  # dialling
    open_connections += 1
    print(f"{job.name}: connected")
    # Why: from here on there is a connection to close, however we leave.
    try:
        temp_files += 1
        print(f"{job.name}: temp file created")
        try:
            while job.received < job.chunks:
                await asyncio.sleep(0.1)
                job.received += 1
        except asyncio.CancelledError:
            delete_temp(job)
            # Why: still cancelled, so that whoever awaits us knows.
            raise
        save_file(job)
    finally:
        hang_up(job)
    return job.received


def report():
    print(f"open connections: {open_connections}, temp files: {temp_files}")


async def main():
    a, b = Job("a", 3), Job("b", 5)
    print(f"a: returned {await asyncio.create_task(download(a))} chunks")
    report()
    task = asyncio.create_task(download(b))
    await asyncio.sleep(0.45)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass  # b was cancelled (main was not): carry on
    state = "cancelled" if task.cancelled() else "not cancelled"
    print(f"b: {state} after {b.received} of {b.chunks} chunks")
    report()


if __name__ == "__main__":
    asyncio.run(main())
