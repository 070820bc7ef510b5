// SPDX-License-Identifier: MIT
/*
 * driver.c: other clients for the student's server: a 200,000-byte
 * message (many reads, and writes that must wait), a client that hangs
 * up at once, one that types a byte at a time, and two that talk as in
 * the test. Exercise 44.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "async.h"

#define BIG 200000L

int start_echo_server(void);

static double start; /* when the test began, in loop time */

struct client {
    const char *name;     /* who */
    double arrives;       /* seconds after the start */
    bool big;             /* sends BIG bytes instead of parts */
    const char *parts[5]; /* what it sends, NULL after the last */
    double gap;           /* seconds between parts */
    int port;             /* the server's */
    int fd;               /* its socket, once connected */
};

static double
now(void)
{
    return async_time() - start;
}

/* Reads exactly n bytes into buf; false if the connection ends first. */
static bool
read_exactly(int fd, char *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t r = async_read(fd, buf + got, n - got);
        if (r <= 0)
            return false;
        got += r;
    }
    return true;
}

static async_value
send_big(void *arg)
{
    struct client *c = arg;
    char *data = malloc(BIG);

    for (long i = 0; i < BIG; i++)
        data[i] = (char)('a' + i % 23);
    async_write(c->fd, data, BIG);
    free(data);
    return ASYNC_NONE;
}

/* Sends BIG bytes from another task while this one reads them back, as
 * a client must: otherwise both sides could wait on full buffers. */
static void
big(struct client *c)
{
    char *back = malloc(BIG);
    async_task *w = async_create_task(send_big, c);
    bool ok = read_exactly(c->fd, back, BIG);
    long wrong = 0;

    async_await(w);
    for (long i = 0; ok && i < BIG; i++)
        wrong += back[i] != (char)('a' + i % 23);
    if (ok && wrong == 0)
        printf("%.2f s  %s: %ld bytes came back in order\n", now(), c->name,
               BIG);
    else
        printf("%s: %ld bytes sent, %s\n", c->name, BIG,
               ok ? "some came back changed" : "not all came back");
    free(back);
}

/* Sends the parts gap seconds apart, reading each echo before the next. */
static void
parts(struct client *c)
{
    char back[64];

    for (int i = 0; c->parts[i] != NULL; i++) {
        const char *p = c->parts[i];
        size_t len = strlen(p);
        if (i > 0)
            async_sleep(c->gap);
        async_write(c->fd, p, len);
        if (!read_exactly(c->fd, back, len) || memcmp(back, p, len) != 0) {
            printf("%s: \"%s\" did not come back\n", c->name, p);
            return;
        }
        printf("%.2f s  %s: \"%s\" came back\n", now(), c->name, p);
    }
}

static async_value
read_to_end(void *arg)
{
    char byte;
    return ASYNC_INT(async_read(*(int *)arg, &byte, 1));
}

static async_value
client(void *arg)
{
    struct client *c = arg;
    async_value n;

    async_sleep(c->arrives);
    c->fd = async_tcp_connect("127.0.0.1", c->port);
    if (c->big)
        big(c);
    else
        parts(c);
    shutdown(c->fd, SHUT_WR);
    if (!async_timeout(1, read_to_end, &c->fd, &n) || n.i != 0)
        printf("%s: hung up, but the server did not close\n", c->name);
    else
        printf("%.2f s  %s: hung up, and the server closed too\n", now(),
               c->name);
    close(c->fd);
    return ASYNC_NONE;
}

static async_value
test(void *arg)
{
    (void)arg;
    int port = start_echo_server();
    struct client c[] = {
        {"dee", 0.0, true, {NULL}, 0, port, -1},
        {"eve", 0.1, false, {NULL}, 0, port, -1},
        {"fay", 0.2, false, {"s", "l", "o", "w", NULL}, 0.25, port, -1},
        {"gus", 0.3, false, {"abc", "def", NULL}, 0.5, port, -1},
        {"hal", 0.4, false, {"12345", "67890", NULL}, 0.5, port, -1},
    };
    async_task *t[5];

    start = async_time();
    for (int i = 0; i < 5; i++)
        t[i] = async_create_task(client, &c[i]);
    async_gather(t, 5, NULL);
    printf("all five served in %.2f s\n", now());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
