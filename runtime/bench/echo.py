"""echo: the echo server on asyncio's streams (readline, write, drain).
Prints its port, serves until CLIENTS clients have come and gone."""
import asyncio
import resource
import socket
import sys


async def main(clients):
    gone = 0
    all_gone = asyncio.Event()

    async def echo(reader, writer):
        nonlocal gone
        while line := await reader.readline():
            writer.write(line)
            await writer.drain()
        writer.close()
        gone += 1
        if gone == clients:
            all_gone.set()

    # the listen queue as long as asyncbook's (asyncio's default is 100)
    srv = await asyncio.start_server(echo, "127.0.0.1", 0,
                                     backlog=socket.SOMAXCONN)
    print("port", srv.sockets[0].getsockname()[1], flush=True)
    await all_gone.wait()
    srv.close()


_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a socket per client
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
