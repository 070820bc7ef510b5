# slow_client.py: the asyncio twin of slow_client.c: three clients
# against a server that serves one at a time, then against one that runs a
# task per client.
import asyncio
import socket
import time

START = 0.0  # when the round began


async def serve(conn: socket.socket) -> None:
    loop = asyncio.get_running_loop()
    while data := await loop.sock_recv(conn, 64):
        await loop.sock_sendall(conn, data)
    conn.close()


async def server(listener: socket.socket, one_task_each: bool) -> None:
    loop = asyncio.get_running_loop()
    tasks = []
    for _ in range(3):
        conn, _ = await loop.sock_accept(listener)
        if one_task_each:
            tasks.append(asyncio.create_task(serve(conn)))
        else:
            await serve(conn)  # the next accept waits for it
    await asyncio.gather(*tasks)


async def client(name: str, arrives: float, thinks: float, port: int) -> None:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(arrives)
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))
    await asyncio.sleep(thinks)
    await loop.sock_sendall(sock, name.encode())
    await loop.sock_recv(sock, 64)
    print(f"  {time.perf_counter() - START:.2f} s  {name}: echoed")
    sock.close()


async def run_round(one_task_each: bool) -> None:
    global START
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    port = listener.getsockname()[1]
    START = time.perf_counter()
    clients = [asyncio.create_task(client(name, arrives, thinks, port))
               for name, arrives, thinks in
               (("slow", 0, 1), ("quick 1", 0.1, 0), ("quick 2", 0.2, 0))]
    await server(listener, one_task_each)
    await asyncio.gather(*clients)
    listener.close()


async def main() -> None:
    print("one client at a time:")
    await run_round(False)
    print("one task per client:")
    await run_round(True)


asyncio.run(main())
