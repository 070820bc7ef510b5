// SPDX-License-Identifier: MIT
/*
 * driver.c: other commands for the student's handle, from three clients:
 * a key set twice, a client that hangs up in the middle of a command,
 * three commands and an empty line in one write, and a command cut in
 * two. Exercise 45.
 */
#include <stdio.h>
#include <string.h>

#include "async.h"
#include "store.h"

struct step {
    int who;         /* which client: 0 cy, 1 dan, 2 eve */
    double after;    /* seconds to wait first */
    const char *cmd; /* sent in one write; NULL: hang up */
    int replies;     /* reply lines to expect */
};

static async_value
read_reply(void *arg)
{
    void **a = arg;
    return ASYNC_INT(async_stream_readline(a[0], a[1], 80));
}

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

static async_value
test(void *arg)
{
    (void)arg;
    static struct store st;
    const char *names[] = {"cy", "dan", "eve"};
    struct step steps[] = {
        {0, 0, "SET x 1\n", 1},
        {1, 0, "SET x 2\n", 1},
        {0, 0, "GET x\n", 1},
        {1, 0, "SET half 1", 0},
        {1, 0, NULL, 0},
        {0, 0.1, "GET half\n", 1},
        {2, 0, "DEL x\nGET x\n\n", 3},
        {2, 0, "SET k", 0},
        {2, 0.1, "ey value\nGET key\n", 2},
        {0, 0, "GET y\n", 1},
    };
    async_server *srv = async_start_server(handle, &st, "127.0.0.1", 0);
    async_stream *s[3];

    for (int i = 0; i < 3; i++)
        s[i] = async_open_connection("127.0.0.1", async_server_port(srv));
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct step *p = &steps[i];
        async_sleep(p->after);
        if (p->cmd == NULL) {
            printf("%s hangs up\n", names[p->who]);
            async_stream_close(s[p->who]);
            s[p->who] = NULL;
            continue;
        }
        print_text(names[p->who], "sends", p->cmd);
        async_stream_write(s[p->who], p->cmd, strlen(p->cmd));
        for (int r = 0; r < p->replies; r++)
            expect_reply(names[p->who], s[p->who]);
    }
    for (int i = 0; i < 3; i++)
        if (s[i] != NULL)
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
