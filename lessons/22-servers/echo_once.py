# echo_once.py: the asyncio twin of echo_once.c, with the loop's
# low-level socket calls (sock_accept, sock_connect, sock_recv,
# sock_sendall), which are what async_tcp_accept, async_tcp_connect,
# async_read and async_write are to the C program.
import asyncio
import socket


async def server(listener: socket.socket) -> None:
    loop = asyncio.get_running_loop()
    conn, _ = await loop.sock_accept(listener)  # waits for a client
    while data := await loop.sock_recv(conn, 64):
        print(f'server: got "{data.decode()}", sending it back')
        await loop.sock_sendall(conn, data)
    print("server: the client hung up")  # recv returned b""
    conn.close()


async def client(port: int) -> None:
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))  # waits to connect
    print("client: connected")
    await loop.sock_sendall(sock, b"hello")
    data = await loop.sock_recv(sock, 64)  # waits for the echo
    print(f'client: got back "{data.decode()}"')
    sock.close()  # hang up: the server's recv returns b""


async def main() -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # port 0: any free one
    listener.setblocking(False)
    port = listener.getsockname()[1]
    await asyncio.gather(server(listener), client(port))
    listener.close()


asyncio.run(main())
