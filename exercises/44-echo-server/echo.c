// SPDX-License-Identifier: MIT
/*
 * Exercise 44: an echo server.
 *
 * The idea (lessons 21 and 22, non-blocking I/O and servers):
 *   1. async_tcp_listen("127.0.0.1", 0) makes a listening socket on a
 *      port the system picks (async_tcp_port tells which), and
 *      async_tcp_accept(listener) waits for the next client and returns
 *      its connected socket; while it waits, the loop runs other tasks.
 *   2. async_read(fd, buf, size) returns the bytes that have arrived (at
 *      most size; it waits while none have), and 0 once the client has
 *      hung up. async_write(fd, buf, n) sends all n bytes.
 *   3. A read is not a message: one write of the client may arrive in two
 *      reads, two of its writes in one. Echo exactly what each read gave.
 *   4. A client served inline makes every later client wait for it; one
 *      task per client lets each one wait alone:
 *          async_create_task(echo_client, (void *)(long)fd);
 *
 * Your task: write echo_client, which echoes one connection until the
 * client hangs up and then closes the socket; serve, which accepts clients
 * for ever and runs each in its own task; and start_echo_server, which
 * listens and starts serve in a task of its own. The test at the bottom
 * starts three clients that talk slowly (two messages, a second apart):
 * every echo must come back at once, all in 1.20 s, and each client must
 * see the server close the connection after it hangs up.
 *
 * Check it: make grade EX=44    Stuck? python3 grader/grade.py --hint 44
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "async.h"

/* echo_client: the task serving one client; arg is its socket, passed as
 * (void *)(long)fd. Echoes everything, then closes the socket. */
async_value
echo_client(void *arg)
{
    int fd = (int)(long)arg; /* the client's socket */

    /* TODO: read what the client sends, writing back each piece as it
     * comes, until async_read returns 0 (or -1); then close fd. */
    TODO("echo the client's bytes until it hangs up, then close its socket");
    (void)fd;
    return ASYNC_NONE;
}

/* serve: accepts clients for ever on the listening socket arg, passed
 * as (void *)(long)fd, one echo_client task each. */
async_value
serve(void *arg)
{
    int listener = (int)(long)arg;

    /* TODO: for ever: accept the next client, then start an echo_client
     * task for its socket (do not wait for it). */
    TODO("accept each client and start an echo_client task for it");
    (void)listener;
    return ASYNC_NONE;
}

/* start_echo_server: listens on 127.0.0.1, on a port the system picks,
 * starts a serve task for it and returns the port (-1 if it cannot
 * listen). Never suspends. */
int
start_echo_server(void)
{
    /* TODO: listen on 127.0.0.1, port 0; start a serve task for the
     * listening socket; return the port that was picked. */
    TODO("listen on 127.0.0.1 port 0, start a serve task, return the port");
    return -1;
}

/* ---- The test: three clients (leave it as it is) ---------------------- */

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
