// SPDX-License-Identifier: MIT
/*
 * driver.c: other clients for the student's server: a 200,000-byte
 * message (many reads, and writes that must wait), a client that hangs
 * up at once, one that types a byte at a time, and two that talk as in
 * the test. With the argument "emfile", a server that runs out of
 * descriptors instead (see emfile_test). Exercise 44.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

#include "async.h"
#include "echo.h"

#define BIG 200000L

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

/* ---- Out of descriptors ----------------------------------------------- */

/* A server out of descriptors sees async_tcp_accept return -1 at once.
 * Going straight back to accept spins: the listener is still readable,
 * the next accept fails too, and no other task ever runs. So accept4,
 * which the runtime's async_tcp_accept calls, is this program's own here
 * (the linker takes it before libc's): it counts the failures, and more
 * than SPIN of them within WINDOW seconds of loop time end the test with
 * a line that says so (a spinning step never gives the loop back). */
#define SPIN 50
#define WINDOW 0.1

static int failures; /* accepts out of descriptors, in all */
static int burst;    /* of them since burst_began */
static double burst_began;
static int served;   /* callers whose "hi" came back */

static void
count_failure(void)
{
    double now = async_time();

    failures++;
    if (burst == 0 || now - burst_began > WINDOW) {
        burst = 0;
        burst_began = now;
    }
    if (++burst < SPIN)
        return;
    printf("the server tried to accept %d times in %.2f s, out of "
           "descriptors each time: it never waited between tries\n",
           burst, now - burst_began);
    fflush(stdout);
    _exit(0);
}

#if defined(__linux__)
int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    int r = (int)syscall(SYS_accept4, fd, addr, len, flags);

    if (r < 0 && (errno == EMFILE || errno == ENFILE))
        count_failure();
    return r;
}
#endif

struct caller {
    const char *name; /* who */
    int fd;           /* its socket, made before the limit was lowered */
    double stay;      /* seconds it stays once its echo came back */
    int port;         /* the server's */
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
read_hi(void *arg)
{
    struct caller *c = arg;
    char back[2];

    return ASYNC_INT(read_exactly(c->fd, back, 2) &&
                     memcmp(back, "hi", 2) == 0);
}

/* Says hi, waits (at most 8 s) for it to come back, stays, hangs up. */
static async_value
caller(void *arg)
{
    struct caller *c = arg;
    async_value ok = ASYNC_INT(0), n;

    if (dial(c->fd, c->port) < 0) {
        printf("%s: could not connect\n", c->name);
        return ASYNC_NONE;
    }
    async_write(c->fd, "hi", 2);
    if (!async_timeout(8, read_hi, c, &ok) || !ok.i) {
        printf("%s: \"hi\" did not come back within 8 s\n", c->name);
        return ASYNC_NONE;
    }
    printf("%s: \"hi\" came back\n", c->name);
    served++;
    async_sleep(c->stay);
    /* Why not close: that would give this program a descriptor back,
     * and the server one more to accept with. */
    shutdown(c->fd, SHUT_WR);
    if (!async_timeout(8, read_to_end, &c->fd, &n) || n.i != 0)
        printf("%s: hung up, but the server did not close\n", c->name);
    else
        printf("%s: hung up, and the server closed too\n", c->name);
    return ASYNC_NONE;
}

/* Lowers the soft limit so that exactly `more` descriptors are left. */
static void
leave_room_for(int more)
{
    int fd[4];
    struct rlimit r;

    for (int i = 0; i < more; i++)
        fd[i] = dup(STDOUT_FILENO);
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = fd[more - 1] + 1;
    for (int i = 0; i < more; i++)
        close(fd[i]);
    setrlimit(RLIMIT_NOFILE, &r);
}

/* Three callers, room for two connections: cy's accept fails with EMFILE
 * until ann leaves (after 1 s); bob stays 5 s. A server that waits a
 * little between tries lets cy in once ann is gone. */
static async_value
emfile_test(void *arg)
{
    (void)arg;
    int port = start_echo_server();
    struct caller c[] = {{"ann", -1, 1, port},
                         {"bob", -1, 5, port},
                         {"cy", -1, 1, port}};
    async_task *t[3];

    if (port < 0) {
        printf("start_echo_server returned %d\n", port);
        return ASYNC_NONE;
    }
    /* Why the sockets first: callers and server share this program's
     * descriptors, and only the server should run short. */
    for (int i = 0; i < 3; i++)
        c[i].fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    async_sleep(0); /* serve starts waiting, and the loop's poller with it */
    leave_room_for(2);
    for (int i = 0; i < 3; i++)
        t[i] = async_create_task(caller, &c[i]);
    async_gather(t, 3, NULL);
    if (failures == 0)
        printf("accept never ran out of descriptors\n");
    else
        printf("%s served; out of descriptors, the server waited between "
               "tries\n", served == 3 ? "all three" : "not all");
    for (int i = 0; i < 3; i++)
        close(c[i].fd);
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    bool emfile = argc > 1 && strcmp(argv[1], "emfile") == 0;

    async_run(emfile ? emfile_test : test, NULL);
    return 0;
}
