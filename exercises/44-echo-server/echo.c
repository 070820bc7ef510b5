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
     * task for its socket (do not wait for it). When accept fails (-1:
     * out of descriptors), sleep a little before the next try. */
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
