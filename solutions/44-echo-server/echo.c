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
 * listens and starts serve in a task of its own. Out of descriptors,
 * async_tcp_accept returns -1 at once: wait a little (async_sleep) before
 * the next try, as lesson 22's server does, or serve spins and nothing
 * else runs. The test (clients.c, beside this file; make run EX=44 runs
 * it) starts three clients that talk slowly (two messages, a second
 * apart): every echo must come back at once, all in 1.20 s, and each
 * client must see the server close the connection after it hangs up.
 *
 * Check it: make grade EX=44    Stuck? python3 grader/grade.py --hint 44
 */
#include <unistd.h>

#include "async.h"
#include "echo.h"

/* echo_client: the task serving one client; arg is its socket, passed as
 * (void *)(long)fd. Echoes everything, then closes the socket. */
async_value
echo_client(void *arg)
{
    int fd = (int)(long)arg; /* the client's socket */

    char buf[1024];
    ssize_t n;

    /* Why a loop: a read gives what has arrived so far, not a message. */
    while ((n = async_read(fd, buf, sizeof buf)) > 0)
        async_write(fd, buf, n); /* Why n: only that much of buf is new. */
    close(fd); /* Why: the client waits for this to see the end. */
    return ASYNC_NONE;
}

/* serve: accepts clients for ever on the listening socket arg, passed
 * as (void *)(long)fd, one echo_client task each. */
async_value
serve(void *arg)
{
    int listener = (int)(long)arg;

    for (;;) {
        long fd = async_tcp_accept(listener);
        /* Why a task: inline, the next accept would wait for this client. */
        if (fd >= 0)
            async_create_task(echo_client, (void *)fd);
        else
            async_sleep(0.1); /* Why: out of descriptors; retry later. */
    }
}

/* start_echo_server: listens on 127.0.0.1, on a port the system picks,
 * starts a serve task for it and returns the port (-1 if it cannot
 * listen). Never suspends. */
int
start_echo_server(void)
{
    int listener = async_tcp_listen("127.0.0.1", 0);

    if (listener < 0)
        return -1;
    /* Why a task: serve never returns, and the caller goes on. */
    async_create_task(serve, (void *)(long)listener);
    return async_tcp_port(listener);
}
