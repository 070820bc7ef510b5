// SPDX-License-Identifier: MIT
/*
 * stream.c: TCP sockets, streams and servers (asyncio's open_connection
 * and start_server; lesson 22), on io.c's waits: a socket call that would
 * block says EAGAIN, and the task, not the loop, waits for the descriptor.
 */
#define _GNU_SOURCE /* accept4, SOCK_NONBLOCK, SOCK_CLOEXEC on Linux */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

/* fail: closes fd and returns -1, errno saying why. */
static int
fail(int fd, int err)
{
    close(fd);
    errno = err;
    return -1;
}

/* Sockets are non-blocking and close-on-exec from birth where one call can
 * say so (Linux, the BSDs); elsewhere (macOS) flags() sets both after, and
 * asks for no SIGPIPE, as MSG_NOSIGNAL does not exist there (io.c). */
#ifdef SOCK_NONBLOCK
#define SOCK_FLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)
#define flags(fd) (fd)
#define accept_socket(lfd) accept4((lfd), NULL, NULL, SOCK_FLAGS)
#else
#define SOCK_FLAGS 0
static int
flags(int fd)
{
#ifdef SO_NOSIGPIPE
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    if (fd >= 0 && (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0 ||
                    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0))
        return fail(fd, errno);
    return fd;
}
#define accept_socket(lfd) flags(accept((lfd), NULL, NULL))
#endif

struct async_stream {
    int fd;
    async_server *srv;       /* the server that accepted it, or NULL */
    async_loop *loop;        /* whose list of open streams it is on */
    async_stream *prev, *next;
    size_t start, end;       /* unread bytes: buf[start..end) */
    char buf[4096];          /* what readline read ahead */
};

struct async_server {
    async_client_fn *client; /* the user's function and its argument */
    void *arg;
    async_stream *listener;  /* never read: a stream for the loop to close */
    async_task *task;        /* 'server', the accept loop */
    int port;
    size_t clients;          /* connected now, for the message below */
    int said_full;           /* the out-of-descriptors line was printed */
};

/* resolve: host:port's addresses. A numeric host ("::1") needs no look-up
 * (AI_NUMERICHOST); a name blocks the loop in getaddrinfo: fine for
 * /etc/hosts, not for the DNS (asyncio asks on a thread). Unknown: EINVAL. */
static struct addrinfo *
resolve(const char *host, int port, int flags)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM,
                             .ai_flags = flags | AI_NUMERICSERV |
                                         AI_NUMERICHOST};
    struct addrinfo *ai;
    char serv[16];
    snprintf(serv, sizeof serv, "%d", port);
    int rc = getaddrinfo(host, serv, &hints, &ai);
    if (rc == EAI_NONAME) { /* not numeric: look the name up */
        hints.ai_flags &= ~AI_NUMERICHOST;
        rc = getaddrinfo(host, serv, &hints, &ai);
    }
    if (rc != 0 && rc != EAI_SYSTEM)
        errno = EINVAL;
    return rc == 0 ? ai : NULL;
}

/* Line protocols send small writes and wait for the answer: with Nagle's
 * algorithm on, each would wait for the peer's delayed ACK (40 ms). */
static int
no_delay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void
free_ai(void *ai)
{
    freeaddrinfo(ai);
}

static void
close_fd(void *fd)
{
    close(*(int *)fd);
}

int
async_tcp_listen(const char *host, int port)
{
    LOOP_THREAD_ONLY("async_tcp_listen");
    struct addrinfo *ai = resolve(host, port, AI_PASSIVE), *a;
    int fd = -1, one = 1;
    for (a = ai; a != NULL && fd < 0; a = a->ai_next) {
        fd = flags(socket(a->ai_family, a->ai_socktype | SOCK_FLAGS, 0));
        if (fd < 0)
            continue;
        /* a restarted server reuses a port still in TIME_WAIT */
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 ||
            listen(fd, SOMAXCONN) < 0)
            fd = fail(fd, errno);
    }
    if (ai != NULL)
        freeaddrinfo(ai);
    return fd;
}

int
async_tcp_port(int fd)
{
    LOOP_THREAD_ONLY("async_tcp_port");
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
        return -1;
    return ntohs(ss.ss_family == AF_INET6
                     ? ((struct sockaddr_in6 *)&ss)->sin6_port
                     : ((struct sockaddr_in *)&ss)->sin_port);
}

int
async_tcp_accept(int listen_fd)
{
    LOOP_THREAD_ONLY("async_tcp_accept");
    for (;;) {
        int fd = accept_socket(listen_fd);
        if (fd >= 0)
            return no_delay(fd);
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            async_wait_readable(listen_fd);
        else if (errno != EINTR && errno != ECONNABORTED)
            return -1; /* EMFILE, ENFILE: the caller decides */
    }
}

/* connect_one: a non-blocking connect says EINPROGRESS; the socket turns
 * writable when done, SO_ERROR says how. Cancelled meanwhile: closed. */
static int
connect_one(const struct addrinfo *a)
{
    int fd = flags(socket(a->ai_family, a->ai_socktype | SOCK_FLAGS, 0));
    int err = 0;
    socklen_t len = sizeof err;
    if (fd < 0)
        return -1;
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
        return no_delay(fd);
    if (errno != EINPROGRESS && errno != EINTR)
        return fail(fd, errno);
    async_cleanup_push(close_fd, &fd);
    async_wait_writable(fd);
    async_cleanup_pop(false);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    return err != 0 ? fail(fd, err) : no_delay(fd);
}

int
async_tcp_connect(const char *host, int port)
{
    LOOP_THREAD_ONLY("async_tcp_connect");
    struct addrinfo *ai = resolve(host, port, 0), *a;
    int fd = -1;
    if (ai == NULL)
        return -1;
    async_cleanup_push(free_ai, ai);
    for (a = ai; a != NULL && fd < 0; a = a->ai_next)
        fd = connect_one(a); /* "localhost" may be ::1, then 127.0.0.1 */
    async_cleanup_pop(true); /* freeaddrinfo leaves errno alone */
    return fd;
}

async_stream *
async_stream_new(int fd)
{
    async_loop *loop = loop_get("async_stream_new");
    async_stream *s = malloc(sizeof *s);
    if (s == NULL)
        fatal("out of memory in async_stream_new");
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    *s = (async_stream){.fd = fd, .loop = loop, .next = loop->streams};
    if (loop->streams)
        loop->streams->prev = s;
    loop->streams = s;
    return s;
}

async_stream *
async_open_connection(const char *host, int port)
{
    LOOP_THREAD_ONLY("async_open_connection");
    int fd = async_tcp_connect(host, port);
    return fd < 0 ? NULL : async_stream_new(fd);
}

ssize_t
async_stream_read(async_stream *s, void *buf, size_t n)
{
    LOOP_THREAD_ONLY("async_stream_read");
    size_t have = s->end - s->start;
    if (have == 0)
        return async_read(s->fd, buf, n);
    n = n < have ? n : have;
    memcpy(buf, s->buf + s->start, n);
    s->start += n;
    return (ssize_t)n;
}

/* readline reads ahead a bufferful, not a byte per call; the rest waits. */
ssize_t
async_stream_readline(async_stream *s, char *buf, size_t size)
{
    LOOP_THREAD_ONLY("async_stream_readline");
    size_t len = 0;
    if (size < 2)
        return errno = EINVAL, -1;
    while (len < size - 1 && (len == 0 || buf[len - 1] != '\n')) {
        if (s->start == s->end) {
            ssize_t r = async_read(s->fd, s->buf, sizeof s->buf);
            if (r < 0)
                return -1; /* as asyncio: the partial line is lost */
            if (r == 0)
                break; /* end of file: what we have, then 0 */
            s->start = 0;
            s->end = (size_t)r;
        }
        char *from = s->buf + s->start, *nl;
        size_t take = s->end - s->start;
        if ((nl = memchr(from, '\n', take)) != NULL)
            take = (size_t)(nl - from) + 1;
        if (take > size - 1 - len)
            take = size - 1 - len;
        memcpy(buf + len, from, take);
        len += take;
        s->start += take;
    }
    buf[len] = '\0';
    return (ssize_t)len;
}

ssize_t
async_stream_write(async_stream *s, const void *buf, size_t n)
{
    LOOP_THREAD_ONLY("async_stream_write");
    return async_write(s->fd, buf, n);
}

int
async_stream_fd(async_stream *s)
{
    LOOP_THREAD_ONLY("async_stream_fd");
    return s->fd;
}

/* async_stream_close: closes once, again is harmless (writer.close()). A
 * server's client stream is freed by its server once the client returns. */
void
async_stream_close(async_stream *s)
{
    LOOP_THREAD_ONLY("async_stream_close");
    if (s->fd >= 0) {
        if (s->prev)
            s->prev->next = s->next;
        else
            s->loop->streams = s->next;
        if (s->next)
            s->next->prev = s->prev;
        close(s->fd);
        s->fd = -1;
    }
    if (s->srv == NULL)
        free(s);
}

/* stream_close_all: at close, what tasks left open (or never started). */
void
stream_close_all(async_loop *loop)
{
    while (loop->streams != NULL) {
        loop->streams->srv = NULL; /* no client function will run now */
        async_stream_close(loop->streams);
    }
}

static void
client_done(void *arg)
{
    async_stream *s = arg;
    s->srv->clients--;
    s->srv = NULL; /* the client is done with it: close (again) and free */
    async_stream_close(s);
}

/* A client's task: its stream closes on return and on cancel (loop close). */
static async_value
serve_client(void *arg)
{
    async_stream *s = arg;
    async_cleanup_push(client_done, s);
    s->srv->client(s, s->srv->arg);
    async_cleanup_pop(true);
    return ASYNC_NONE;
}

/* The accept loop takes every waiting client each time the socket is
 * readable, as asyncio does. Out of descriptors, accept fails even with
 * nobody waiting, and a waiting client keeps the socket readable, so
 * retrying at once would spin: once one waits, the server says so (once
 * until the queue empties) and retries later; a client may free an fd. */
static async_value
serve(void *arg)
{
    async_server *srv = arg;
    int lfd = srv->listener->fd, fd;
    for (;;) {
        async_wait_readable(lfd);
        while ((fd = accept_socket(lfd)) >= 0) {
            async_stream *s = async_stream_new(no_delay(fd));
            s->srv = srv;
            srv->clients++;
            /* Nobody but the server holds a client's task: detached, it is
             * freed when it ends; debug mode does not call it forgotten. */
            async_task_detach(async_create_task_named(serve_client, s,
                                                      "client"));
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            srv->said_full = 0; /* everyone waiting is in */
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EMFILE || errno == ENFILE) {
            async_wait_readable(lfd);
            if (!srv->said_full)
                fprintf(stderr, "server on port %d: out of file "
                        "descriptors with %zu clients connected; new "
                        "clients wait. Raise the limit (ulimit -n) or "
                        "close connections\n", srv->port, srv->clients);
            srv->said_full = 1;
        }
        async_sleep(0.1);
    }
    return ASYNC_NONE; /* NOTREACHED: it ends cancelled */
}

async_server *
async_start_server(async_client_fn *client, void *arg, const char *host,
                   int port)
{
    async_loop *loop = loop_get("async_start_server");
    int fd = async_tcp_listen(host, port);
    if (fd < 0)
        return NULL;
    async_server *srv = loop_alloc(loop, sizeof *srv);
    *srv = (async_server){.client = client, .arg = arg,
                          .listener = async_stream_new(fd),
                          .port = async_tcp_port(fd)};
    srv->task = async_create_task_named(serve, srv, "server");
    srv->task->awaited = 1; /* as its clients: the server owns it */
    return srv;
}

int
async_server_port(async_server *srv)
{
    LOOP_THREAD_ONLY("async_server_port");
    return srv->port;
}

void
async_server_close(async_server *srv)
{
    LOOP_THREAD_ONLY("async_server_close");
    if (srv->listener == NULL)
        return;
    async_cancel(srv->task);
    async_stream_close(srv->listener);
    srv->listener = NULL;
}
