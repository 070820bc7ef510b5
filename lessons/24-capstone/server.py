# server.py: the asyncio twin of server.c.
import asyncio
from dataclasses import dataclass, field

PORT = 0


START = 0.0  # loop time when main began: printed times are relative


def say(text: str) -> None:
    print(f"{asyncio.get_running_loop().time() - START:.2f} s  {text}")


@dataclass
class Service:
    active: int = 0  # clients connected now
    closing: bool = False
    idle: asyncio.Event = field(default_factory=asyncio.Event)


async def handle(svc: Service, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
    svc.active += 1
    try:
        while line := await reader.readline():
            await asyncio.sleep(0.3)
            writer.write(line.upper())
            await writer.drain()
    finally:  # however the client ends
        writer.close()
        svc.active -= 1
        if svc.active == 0 and svc.closing:
            svc.idle.set()


async def client(name: str, at: float, line: str) -> None:
    await asyncio.sleep(at)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    except ConnectionRefusedError:
        say(f"client {name}: refused")
        return
    say(f"client {name}: sends {line}")
    writer.write(line.encode() + b"\n")
    await writer.drain()
    reply = await reader.readline()
    say(f"client {name}: got {reply.decode().rstrip()}")
    writer.close()
    await writer.wait_closed()


async def service(tg: asyncio.TaskGroup) -> None:
    global START
    START = asyncio.get_running_loop().time()
    global PORT
    svc = Service()
    server = await asyncio.start_server(
        lambda r, w: handle(svc, r, w), "127.0.0.1", 0)
    PORT = server.sockets[0].getsockname()[1]
    for c in (("a", 0.0, "hello"), ("b", 0.2, "world"), ("c", 0.45, "late")):
        tg.create_task(client(*c))

    await asyncio.sleep(0.4)  # stands in for a stop request
    say(f"main: closing the server, {svc.active} client(s) connected")
    server.close()            # 1. accept nobody new
    svc.closing = True
    if svc.active > 0:
        await svc.idle.wait()  # 2. let the connected ones finish
    say("main: every client served")
    # the group waits for every client


async def main() -> None:
    async with asyncio.TaskGroup() as tg:  # nothing outlives the service
        await service(tg)


asyncio.run(main())
