// SPDX-License-Identifier: MIT
/*
 * echo_once.c: a TCP server and its client in one program, on loopback.
 * The server listens, accepts one client and echoes what it reads until
 * the client hangs up; every call that would wait suspends its task
 * instead. Lesson 22 (servers).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "async.h"

static async_value
server(void *arg)
{
    int listener = *(int *)arg;
    int fd = async_tcp_accept(listener); /* waits for a client */
    char buf[64];
    ssize_t n;

    while ((n = async_read(fd, buf, sizeof buf)) > 0) {
        printf("server: got \"%.*s\", sending it back\n", (int)n, buf);
        async_write(fd, buf, n);
    }
    printf("server: the client hung up\n"); /* read returned 0 */
    close(fd);
    return ASYNC_NONE;
}

static async_value
client(void *arg)
{
    int port = *(int *)arg;
    int fd = async_tcp_connect("127.0.0.1", port); /* waits to connect */
    char buf[64];

    printf("client: connected\n");
    async_write(fd, "hello", 5);
    ssize_t n = async_read(fd, buf, sizeof buf); /* waits for the echo */
    printf("client: got back \"%.*s\"\n", (int)n, buf);
    close(fd); /* hang up: the server's read returns 0 */
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    /* Why port 0: the system picks a free port, so two runs never clash;
     * async_tcp_port says which it picked. */
    int listener = async_tcp_listen("127.0.0.1", 0);
    int port = async_tcp_port(listener);

    async_task *t[] = {async_create_task(server, &listener),
                       async_create_task(client, &port)};
    async_gather(t, 2, NULL);
    close(listener);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
