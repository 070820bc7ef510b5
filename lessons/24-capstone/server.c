// SPDX-License-Identifier: MIT
/*
 * server.c: a TCP service shut down gracefully: close the server so that
 * it accepts nobody new, let the clients already connected finish, and
 * only then return. A client that comes after the close is refused.
 * Everything runs in one program on 127.0.0.1. Lesson 24 (capstone).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "async.h"

struct service {
    int active;        /* clients connected now */
    int closing;       /* the server was closed */
    async_event *idle; /* set when closing and no client is left */
};

struct client {
    const char *name; /* a, b, c */
    double at;        /* when it connects */
    const char *line; /* what it sends */
};

static int port;

/* Times are printed from the start of main_task, so a real run prints
 * the same numbers as the virtual clock does (its clock starts at 0). */
static double start;

static void
client_left(void *arg)
{
    struct service *svc = arg;

    if (--svc->active == 0 && svc->closing)
        async_event_set(svc->idle);
}

/* handle: one connected client: each line comes back in capitals after
 * 0.3 s of work, until the client hangs up. */
static void
handle(async_stream *s, void *arg)
{
    struct service *svc = arg;
    char line[64];

    svc->active++;
    async_cleanup_push(client_left, svc); /* however the client ends */
    while (async_stream_readline(s, line, sizeof line) > 0) {
        async_sleep(0.3);
        for (char *p = line; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        async_stream_write(s, line, strlen(line));
    }
    async_cleanup_pop(true);
}

static async_value
client(void *arg)
{
    struct client *c = arg;
    char reply[64];

    async_sleep(c->at);
    async_stream *s = async_open_connection("127.0.0.1", port);
    if (s == NULL) {
        printf("%.2f s  client %s: %s\n", async_time() - start, c->name,
               errno == ECONNREFUSED ? "refused" : strerror(errno));
        return ASYNC_NONE;
    }
    printf("%.2f s  client %s: sends %s\n", async_time() - start, c->name,
           c->line);
    async_stream_write(s, c->line, strlen(c->line));
    async_stream_write(s, "\n", 1);
    async_stream_readline(s, reply, sizeof reply);
    printf("%.2f s  client %s: got %s", async_time() - start, c->name, reply);
    async_stream_close(s);
    return ASYNC_NONE;
}

static async_value
service(async_task_group *tg, void *arg)
{
    start = async_time();
    (void)arg;
    struct service svc = {0, 0, async_event_new()};
    static struct client cs[3] = { /* static: the group outlives service */
        {"a", 0.0, "hello"}, {"b", 0.2, "world"}, {"c", 0.45, "late"}};

    async_server *srv = async_start_server(handle, &svc, "127.0.0.1", 0);
    port = async_server_port(srv);
    for (int i = 0; i < 3; i++)
        async_task_group_create_task(tg, client, &cs[i]);

    async_sleep(0.4); /* stands in for a stop request */
    printf("%.2f s  main: closing the server, %d client(s) connected\n",
           async_time() - start, svc.active);
    async_server_close(srv); /* 1. accept nobody new */
    svc.closing = 1;
    if (svc.active > 0)
        async_event_wait(svc.idle); /* 2. let the connected ones finish */
    printf("%.2f s  main: every client served\n", async_time() - start);
    return ASYNC_NONE; /* the group waits for every client */
}

/* main: the service runs as a task group (asyncio.TaskGroup): nothing
 * it starts can outlive it, and a task that fails stops all of it. */
static async_value
main_task(void *arg)
{
    async_task_group_run(service, arg, NULL, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
