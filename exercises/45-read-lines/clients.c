// SPDX-License-Identifier: MIT
/*
 * clients.c: the test of exercise 45 (make run EX=45 runs it with your
 * kv.c): two clients send commands, two in one write and one in two
 * writes, and print each reply. You need not change anything here.
 */
#include <stdio.h>
#include <string.h>

#include "async.h"
#include "clients.h"
#include "store.h"

static async_value
read_reply(void *arg)
{
    void **a = arg;
    return ASYNC_INT(async_stream_readline(a[0], a[1], 80));
}

/* Prints text as C would write it: "\n" for a newline. */
static void
print_text(const char *who, const char *verb, const char *text)
{
    printf("%s %s \"", who, verb);
    for (; *text; text++)
        if (*text == '\n')
            printf("\\n");
        else
            putchar(*text);
    printf("\"\n");
}

/* Waits at most 0.5 s for one reply line, and prints it. */
static void
expect_reply(const char *who, async_stream *s)
{
    char line[80];
    async_value n;

    if (!async_timeout(0.5, read_reply, (void *[]){s, line}, &n))
        printf("%s gets no reply within 0.5 s\n", who);
    else if (n.i == 0)
        printf("%s gets no reply: the server closed the connection\n", who);
    else {
        line[strcspn(line, "\n")] = '\0';
        print_text(who, "gets", line);
    }
}

void
run_steps(const char **names, async_stream **s, const struct step *steps,
          int n)
{
    for (int i = 0; i < n; i++) {
        const struct step *st = &steps[i];
        async_sleep(st->after);
        if (st->cmd == NULL) {
            printf("%s hangs up\n", names[st->who]);
            async_stream_close(s[st->who]);
            s[st->who] = NULL;
            continue;
        }
        print_text(names[st->who], "sends", st->cmd);
        async_stream_write(s[st->who], st->cmd, strlen(st->cmd));
        for (int r = 0; r < st->replies; r++)
            expect_reply(names[st->who], s[st->who]);
    }
}

static async_value
test(void *arg)
{
    (void)arg;
    static struct store st;
    const char *names[] = {"ann", "bob"};
    struct step steps[] = {
        {0, 0, "SET color blue\n", 1},
        {1, 0, "GET color\n", 1},
        {1, 0, "GET size\n", 1},
        {1, 0, "SET size 42\nGET size\n", 2},
        {0, 0, "GE", 0},
        {0, 0.1, "T size\n", 1},
        {0, 0, "HELLO\n", 1},
    };
    async_server *srv = async_start_server(handle, &st, "127.0.0.1", 0);
    async_stream *s[] = {
        async_open_connection("127.0.0.1", async_server_port(srv)),
        async_open_connection("127.0.0.1", async_server_port(srv)),
    };

    run_steps(names, s, steps, sizeof steps / sizeof steps[0]);
    for (int i = 0; i < 2; i++)
        async_stream_close(s[i]);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
