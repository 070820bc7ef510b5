# line_server.py: the asyncio twin of line_server.c: asyncio.start_server
# with a StreamReader and StreamWriter per connection.
import asyncio


async def shout(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                finished: asyncio.Event) -> None:
    while line := await reader.readline():
        if not line.endswith(b"\n"):
            print(f'server: last piece "{line.decode()}", no newline')
            continue
        print(f'server: line "{line.decode().rstrip()}"')
        writer.write(line.upper())
        await writer.drain()
    print("server: end of file, the client is gone")
    writer.close()
    finished.set()


async def print_reply(reader: asyncio.StreamReader) -> None:
    line = await reader.readline()
    print(f'client: reply "{line.decode().rstrip()}"')


async def main() -> None:
    finished = asyncio.Event()
    srv = await asyncio.start_server(
        lambda r, w: shout(r, w, finished), "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    print('client: sends "hello\\nworld\\n" in one write')
    writer.write(b"hello\nworld\n")
    await writer.drain()
    await print_reply(reader)
    await print_reply(reader)

    print('client: sends "split", then "ted\\n" 0.1 s later')
    writer.write(b"split")
    await writer.drain()
    await asyncio.sleep(0.1)
    writer.write(b"ted\n")
    await writer.drain()
    await print_reply(reader)

    print('client: sends "bye" and hangs up mid-line')
    writer.write(b"bye")
    writer.close()
    await writer.wait_closed()

    await finished.wait()  # the server's last words
    srv.close()
    await srv.wait_closed()


asyncio.run(main())
