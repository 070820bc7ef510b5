// SPDX-License-Identifier: MIT
/*
 * line_server.c: a line protocol over TCP, with streams. The server
 * (async_start_server) answers each line in capitals. TCP delivers bytes,
 * not messages: two lines may come in one piece and one line in two, and
 * async_stream_readline puts the lines back together. Then the client
 * hangs up in the middle of a line. Lesson 22 (servers).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "async.h"

/* The client function: async_start_server runs one task per connection
 * that calls it, then closes the stream. */
static void
shout(async_stream *s, void *arg)
{
    async_event *finished = arg;
    char line[64];
    ssize_t n;

    while ((n = async_stream_readline(s, line, sizeof line)) > 0) {
        if (line[n - 1] != '\n') {
            printf("server: last piece \"%s\", no newline\n", line);
            continue;
        }
        line[n - 1] = '\0';
        printf("server: line \"%s\"\n", line);
        for (char *c = line; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        line[n - 1] = '\n';
        async_stream_write(s, line, n);
    }
    printf("server: end of file, the client is gone\n");
    async_event_set(finished);
}

static void
send_text(async_stream *s, const char *text)
{
    async_stream_write(s, text, strlen(text));
}

static void
print_reply(async_stream *s)
{
    char line[64];
    ssize_t n = async_stream_readline(s, line, sizeof line);

    if (n <= 0)
        printf("client: no reply, the server hung up\n");
    else
        printf("client: reply \"%.*s\"\n", (int)strcspn(line, "\n"), line);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_event *finished = async_event_new();
    async_server *srv = async_start_server(shout, finished, "127.0.0.1", 0);
    async_stream *s = async_open_connection("127.0.0.1",
                                            async_server_port(srv));

    printf("client: sends \"hello\\nworld\\n\" in one write\n");
    send_text(s, "hello\nworld\n");
    print_reply(s);
    print_reply(s);

    printf("client: sends \"split\", then \"ted\\n\" 0.1 s later\n");
    send_text(s, "split");
    async_sleep(0.1);
    send_text(s, "ted\n");
    print_reply(s);

    printf("client: sends \"bye\" and hangs up mid-line\n");
    send_text(s, "bye");
    async_stream_close(s);

    async_event_wait(finished); /* the server's last words */
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
