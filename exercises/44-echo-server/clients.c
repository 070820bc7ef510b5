// SPDX-License-Identifier: MIT
/*
 * clients.c: the test of exercise 44 (make run EX=44 runs it with your
 * echo.c). Three clients talk slowly, two messages a second apart: every
 * echo must come back at once, all in 1.20 s, and each client must see
 * the server close the connection after it hangs up. You need not change
 * anything here.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "async.h"
#include "echo.h"

static double start; /* when the test began, in loop time */

struct talker {
    const char *name;   /* who */
    double arrives;     /* seconds after the start */
    const char *say[2]; /* two messages, a second apart */
    int port;           /* the server's */
};

/* Sends msg and reads until as many bytes came back; says what did. */
static bool
expect_echo(struct talker *t, int fd, const char *msg)
{
    size_t len = strlen(msg), got = 0;
    char buf[64];

    async_write(fd, msg, len);
    while (got < len) {
        ssize_t n = async_read(fd, buf + got, len - got);
        if (n <= 0) {
            printf("%s: the server hung up before echoing \"%s\"\n",
                   t->name, msg);
            return false;
        }
        got += n;
    }
    if (memcmp(buf, msg, len) != 0)
        printf("%s: sent \"%s\", got \"%.*s\" back\n", t->name, msg,
               (int)len, buf);
    else
        printf("%.2f s  %s: \"%s\" came back\n", async_time() - start,
               t->name, msg);
    return true;
}

static async_value
read_to_end(void *arg)
{
    char c;
    return ASYNC_INT(async_read(*(int *)arg, &c, 1));
}

/* Hangs up (shuts its sending side) and waits for the server to close. */
static void
expect_close(struct talker *t, int fd)
{
    async_value n;

    shutdown(fd, SHUT_WR);
    if (!async_timeout(1, read_to_end, &fd, &n))
        printf("%s: hung up, but the server never closed the "
               "connection\n", t->name);
    else if (n.i != 0)
        printf("%s: got more bytes than it sent\n", t->name);
    else
        printf("%.2f s  %s: hung up, and the server closed too\n",
               async_time() - start, t->name);
}

static async_value
talk(void *arg)
{
    struct talker *t = arg;

    async_sleep(t->arrives);
    int fd = async_tcp_connect("127.0.0.1", t->port);
    if (expect_echo(t, fd, t->say[0])) {
        async_sleep(1);
        if (expect_echo(t, fd, t->say[1]))
            expect_close(t, fd);
    }
    close(fd);
    return ASYNC_NONE;
}

static async_value
test(void *arg)
{
    (void)arg;
    int port = start_echo_server(); /* serve is cancelled at the end */
    struct talker t[] = {{"ann", 0.0, {"hello", "world"}, port},
                         {"bob", 0.1, {"good", "day"}, port},
                         {"cy", 0.2, {"ping", "pong"}, port}};
    async_task *tasks[3];

    start = async_time();
    for (int i = 0; i < 3; i++)
        tasks[i] = async_create_task(talk, &t[i]);
    async_gather(tasks, 3, NULL);
    printf("all three served in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
