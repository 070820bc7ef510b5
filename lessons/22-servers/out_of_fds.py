# out_of_fds.py: the asyncio twin of out_of_fds.c. asyncio's server does
# the same when accept fails with EMFILE: it reports "socket.accept() out
# of system resource" to the loop's exception handler, stops accepting for
# a second (the C server waits 0.1 s), and tries again.
import asyncio
import os
import resource
import socket
import sys
from typing import Any

CLIENTS = 5
welcomed = 0  # clients that got their welcome
reported = False  # said that we ran out


def report_once(loop: asyncio.AbstractEventLoop,
                context: dict[str, Any]) -> None:
    """The default handler logs each failed accept with its traceback,
    and CPython 3.11 tries the rest of its batch of 100 accepts even
    after the first failed: say it once."""
    global reported
    if not reported:
        print(context["message"], file=sys.stderr)
        reported = True


async def greet(reader: asyncio.StreamReader,
                writer: asyncio.StreamWriter) -> None:
    name = (await reader.readline()).decode().strip()
    if not name:
        return
    print(f"server: {name} is in")
    writer.write(b"welcome\n")
    await writer.drain()
    while await reader.readline():
        pass
    print(f"server: {name} left")
    writer.close()


async def client(sock: socket.socket, n: int, stay: float,
                 port: int) -> asyncio.StreamWriter:
    global welcomed
    loop = asyncio.get_running_loop()
    await loop.sock_connect(sock, ("127.0.0.1", port))
    reader, writer = await asyncio.open_connection(sock=sock)
    writer.write(f"client {n}\n".encode())
    await writer.drain()
    if await reader.readline():
        welcomed += 1
    await asyncio.sleep(stay)
    writer.write_eof()  # hang up our side, keep the descriptor
    await reader.readline()
    return writer


def leave_room_for(more: int) -> None:
    fds = [os.dup(1) for _ in range(more)]
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for fd in fds:
        os.close(fd)
    resource.setrlimit(resource.RLIMIT_NOFILE, (fds[-1] + 1, hard))


async def main() -> None:
    stays = (2.5, 5.2, 1.5, 1.5, 1.5)
    asyncio.get_running_loop().set_exception_handler(report_once)
    srv = await asyncio.start_server(greet, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    socks = [socket.socket() for _ in range(CLIENTS)]
    for s in socks:
        s.setblocking(False)
    await asyncio.sleep(0)
    leave_room_for(2)

    writers = await asyncio.gather(*(client(s, i + 1, stays[i], port)
                                     for i, s in enumerate(socks)))
    print(f"{welcomed} of {CLIENTS} clients were welcomed")
    for w in writers:
        w.close()
    srv.close()


asyncio.run(main())
