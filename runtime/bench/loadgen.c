// SPDX-License-Identifier: MIT
/*
 * loadgen.c: the load for the echo workload, the same for both servers:
 * plain C and epoll, no runtime, so that only the server differs.
 *
 *     loadgen PORT CLIENTS MESSAGES
 *
 * Connects CLIENTS sockets to 127.0.0.1:PORT; then each sends MESSAGES
 * tagged lines, one at a time, each after the echo of the one before, all
 * clients at once. Every echo is checked; a wrong one fails the run.
 * Prints bench.py's JSON line, n being the messages echoed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

struct client {
    int fd;
    long id, sent;   /* messages sent, the last one awaiting its echo */
    size_t have;     /* bytes of the echo received so far */
    char want[64];   /* the line in flight */
    char got[64];
};

static long messages;

static void
die(const char *what)
{
    perror(what);
    exit(1);
}

/* send_next: the line is short and the socket's buffer empty (its last
 * line was echoed), so one write takes it whole. */
static void
send_next(struct client *c)
{
    int n = snprintf(c->want, sizeof c->want, "client %ld message %ld\n",
                     c->id, c->sent++);
    c->have = 0;
    if (write(c->fd, c->want, (size_t)n) != n)
        die("write");
}

/* on_readable: returns 1 once the client has had its last echo. */
static int
on_readable(struct client *c)
{
    ssize_t n = read(c->fd, c->got + c->have, sizeof c->got - 1 - c->have);
    if (n <= 0)
        die(n == 0 ? "read: the server closed the connection" : "read");
    c->have += (size_t)n;
    if (c->got[c->have - 1] != '\n')
        return 0;
    c->got[c->have] = '\0';
    if (strcmp(c->got, c->want) != 0) {
        fprintf(stderr, "loadgen: sent %s got %s", c->want, c->got);
        exit(1);
    }
    if (c->sent == messages) {
        close(c->fd);
        return 1;
    }
    send_next(c);
    return 0;
}

static int
connect_one(int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        die("connect");
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int
main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: loadgen PORT CLIENTS MESSAGES\n");
        return 2;
    }
    int port = atoi(argv[1]), ep = epoll_create1(0);
    long clients = atol(argv[2]), done = 0;
    struct client *c = calloc((size_t)clients, sizeof *c);
    struct rlimit rl;

    messages = atol(argv[3]);
    getrlimit(RLIMIT_NOFILE, &rl); /* a socket per client */
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    for (long i = 0; i < clients; i++) {
        c[i] = (struct client){.fd = connect_one(port), .id = i};
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &c[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &ev);
    }
    double t0 = bench_now();
    for (long i = 0; i < clients; i++)
        send_next(&c[i]);
    while (done < clients) {
        struct epoll_event ev[256];
        int n = epoll_wait(ep, ev, 256, -1);
        for (int i = 0; i < n; i++)
            done += on_readable(ev[i].data.ptr);
    }
    bench_report(clients * messages, bench_now() - t0);
    free(c);
    return 0;
}
