# nonblocking.py: the Python twin of nonblocking.c: the same pipe, read
# without waiting. Python raises BlockingIOError where C returns -1 with
# errno EAGAIN.
import os
import select


def ask_poll(fd: int) -> None:
    p = select.poll()
    p.register(fd, select.POLLIN)
    events = dict(p.poll(0)).get(fd, 0)
    if events & select.POLLIN:
        print("poll: ready to read")
    elif events & select.POLLHUP:
        print("poll: ready (the writer hung up)")
    else:
        print("poll: not ready")


def try_read(fd: int) -> None:
    try:
        data = os.read(fd, 64)
    except BlockingIOError:
        print("read: -1, EAGAIN (nothing yet; a blocking read would wait "
              "here)")
        return
    if not data:
        print("read: 0 (end of file)")
    else:
        print(f"read: {len(data)} bytes: {data.decode()}", end="")


r, w = os.pipe()
os.set_blocking(r, False)

ask_poll(r)
try_read(r)
n = os.write(w, b"hello\n")
print(f"write: {n} bytes")
ask_poll(r)
try_read(r)
try_read(r)
os.close(w)
print("write end closed")
ask_poll(r)
try_read(r)
os.close(r)
