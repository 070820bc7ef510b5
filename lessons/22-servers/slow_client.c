// SPDX-License-Identifier: MIT
/*
 * slow_client.c: the same three clients against two echo servers. The
 * first serves one client at a time, so a client that takes its time
 * holds up everyone behind it; the second runs each client in its own
 * task, so the slow one waits alone. Lesson 22 (servers).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "async.h"

#define CLIENTS 3

static double start; /* when the round began, in loop time */

struct client {
    const char *name; /* also the message it sends */
    double arrives;   /* seconds after the start */
    double thinks;    /* seconds between connecting and sending */
    int port;         /* the server's */
};

/* Echoes everything fd sends until it hangs up. */
static async_value
serve(void *arg)
{
    int fd = (int)(long)arg;
    char buf[64];
    ssize_t n;

    while ((n = async_read(fd, buf, sizeof buf)) > 0)
        async_write(fd, buf, n);
    close(fd);
    return ASYNC_NONE;
}

/* Accepts CLIENTS clients; one_task_each says how to serve them. */
static void
server(int listener, bool one_task_each)
{
    async_task *t[CLIENTS];

    for (int i = 0; i < CLIENTS; i++) {
        long fd = async_tcp_accept(listener);
        if (one_task_each)
            t[i] = async_create_task(serve, (void *)fd);
        else
            serve((void *)fd); /* inline: the next accept waits for it */
    }
    if (one_task_each)
        async_gather(t, CLIENTS, NULL);
}

static async_value
client(void *arg)
{
    struct client *c = arg;
    char buf[64];

    async_sleep(c->arrives);
    int fd = async_tcp_connect("127.0.0.1", c->port);
    async_sleep(c->thinks);
    async_write(fd, c->name, strlen(c->name));
    async_read(fd, buf, sizeof buf);
    printf("  %.2f s  %s: echoed\n", async_time() - start, c->name);
    close(fd);
    return ASYNC_NONE;
}

static void
run_round(bool one_task_each)
{
    int listener = async_tcp_listen("127.0.0.1", 0);
    int port = async_tcp_port(listener);
    struct client c[CLIENTS] = {{"slow", 0, 1, port},
                                {"quick 1", 0.1, 0, port},
                                {"quick 2", 0.2, 0, port}};
    async_task *t[CLIENTS];

    start = async_time();
    for (int i = 0; i < CLIENTS; i++)
        t[i] = async_create_task(client, &c[i]);
    server(listener, one_task_each);
    async_gather(t, CLIENTS, NULL);
    close(listener);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    printf("one client at a time:\n");
    run_round(false);
    printf("one task per client:\n");
    run_round(true);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
