// SPDX-License-Identifier: MIT
/*
 * out_of_fds.c: a server that runs out of file descriptors. Every
 * connection costs one, and a process may hold only so many (ulimit -n).
 * Here five clients call a server that has room for two: it says so once,
 * keeps serving the two, and lets the others in as those leave.
 * Lesson 22 (servers).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "async.h"

#define CLIENTS 5

static int welcomed; /* clients that got their welcome */

/* The client function: a greeting, then wait for the client to leave. */
static void
greet(async_stream *s, void *arg)
{
    (void)arg;
    char name[32], line[32];

    if (async_stream_readline(s, name, sizeof name) <= 0)
        return;
    name[strcspn(name, "\n")] = '\0';
    printf("server: %s is in\n", name);
    async_stream_write(s, "welcome\n", 8);
    while (async_stream_readline(s, line, sizeof line) > 0)
        continue;
    printf("server: %s left\n", name);
}

struct client {
    int fd;      /* its socket, made before the limit was lowered */
    int n;       /* 1..CLIENTS */
    double stay; /* seconds it stays once welcomed */
    int port;    /* the server's */
};

/* A non-blocking connect: EINPROGRESS now, writable once connected. */
static int
dial(int fd, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};

    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 &&
        errno != EINPROGRESS)
        return -1;
    return async_wait_writable(fd);
}

static async_value
client(void *arg)
{
    struct client *c = arg;
    char line[32];

    if (dial(c->fd, c->port) < 0)
        return ASYNC_PTR(NULL);
    async_stream *s = async_stream_new(c->fd);
    int len = snprintf(line, sizeof line, "client %d\n", c->n);
    async_stream_write(s, line, len);
    if (async_stream_readline(s, line, sizeof line) > 0)
        welcomed++;
    async_sleep(c->stay);
    /* Why not close: that would give this program a descriptor back,
     * and the server a second one to accept with. Hang up our side; the
     * server closes its side, and we wait for that. */
    shutdown(c->fd, SHUT_WR);
    async_stream_readline(s, line, sizeof line);
    return ASYNC_PTR(s);
}

/* Lowers the soft limit so that exactly `more` descriptors are left: the
 * next `more` free numbers, wherever the holes below them are. */
static void
leave_room_for(int more)
{
    int fd[CLIENTS];
    struct rlimit r;

    for (int i = 0; i < more; i++)
        fd[i] = dup(STDOUT_FILENO);
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = fd[more - 1] + 1;
    for (int i = 0; i < more; i++)
        close(fd[i]);
    setrlimit(RLIMIT_NOFILE, &r);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    double stay[CLIENTS] = {2.5, 5.2, 1.5, 1.5, 1.5};
    struct client c[CLIENTS];
    async_task *t[CLIENTS];
    async_value s[CLIENTS];
    async_server *srv = async_start_server(greet, NULL, "127.0.0.1", 0);

    /* Why the sockets first: client and server share this program's
     * descriptors, and only the server should run short. */
    for (int i = 0; i < CLIENTS; i++)
        c[i] = (struct client){socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK,
                                      0),
                               i + 1, stay[i], async_server_port(srv)};
    async_sleep(0); /* the server starts waiting, and epoll with it */
    leave_room_for(2);

    for (int i = 0; i < CLIENTS; i++)
        t[i] = async_create_task(client, &c[i]);
    async_gather(t, CLIENTS, s);
    printf("%d of %d clients were welcomed\n", welcomed, CLIENTS);
    for (int i = 0; i < CLIENTS; i++)
        if (s[i].p != NULL)
            async_stream_close(s[i].p);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
