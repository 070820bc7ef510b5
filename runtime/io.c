// SPDX-License-Identifier: MIT
/*
 * io.c: waiting for descriptors (lesson 21). A task that would block asks
 * the loop to wake it when the fd is ready (asyncio's add_reader); the
 * loop waits in the backend (io_epoll.c or io_poll.c, by build) instead
 * of sleeping. This file keeps who waits on what; the backend watches.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#ifndef MSG_NOSIGNAL /* macOS: no such flag (stream.c uses SO_NOSIGPIPE) */
#define MSG_NOSIGNAL 0
#endif

/* A task's wait, a future so that cancelling the task reaches leave(). */
struct io_wait {
    async_future fut; /* first: leave() gets this pointer */
    int fd, dir;
};

static unsigned
mask_of(const struct io_fd *e)
{
    return (e->waiter[0] ? IO_READ : 0) | (e->waiter[1] ? IO_WRITE : 0);
}

static const char *
name_of(async_handle *h)
{
    return h->cb == task_step ? ((async_task *)h->arg)->name : "the loop";
}

/* entry: fd's table line, grown to fit; the first starts the backend. */
static struct io_fd *
entry(async_loop *loop, int fd)
{
    if (loop->io_fds == NULL && io_backend_init(loop) < 0)
        fatal("cannot start the I/O backend: %s", strerror(errno));
    if (fd >= loop->io_nfds) {
        int n = loop->io_nfds ? loop->io_nfds : 16;
        while (n <= fd)
            n *= 2;
        struct io_fd *t = realloc(loop->io_fds, (size_t)n * sizeof *t);
        if (t == NULL)
            fatal("out of memory watching fd %d", fd);
        memset(t + loop->io_nfds, 0, (size_t)(n - loop->io_nfds) * sizeof *t);
        loop->io_fds = t;
        loop->io_nfds = n;
    }
    return &loop->io_fds[fd];
}

/* io_watch: run h once fd is ready for dir (0 reading, 1 writing).
 * Returns -1 (errno) if the backend cannot watch fd; two waiters: fatal. */
int
io_watch(async_loop *loop, int fd, int dir, async_handle *h)
{
    if (fd < 0)
        return errno = EBADF, -1;
    struct io_fd *e = entry(loop, fd);
    if (e->waiter[dir] != NULL)
        fatal("task '%s' waits to %s fd %d, but task '%s' already does: one "
              "task at a time may wait on a descriptor (asyncio: \"called "
              "while another coroutine is already waiting\")",
              name_of(h), dir ? "write" : "read", fd, name_of(e->waiter[dir]));
    if (io_backend_arm(loop, fd, mask_of(e) | 1u << dir) < 0)
        return -1;
    e->waiter[dir] = h;
    loop->io_waiting++;
    return 0;
}

/* io_unwatch: h no longer waits (if it did). The kernel is not told: if fd
 * turns ready, io_ready finds nobody and the one-shot entry falls silent. */
void
io_unwatch(async_loop *loop, int fd, int dir, async_handle *h)
{
    if (fd >= loop->io_nfds || loop->io_fds[fd].waiter[dir] != h)
        return;
    loop->io_fds[fd].waiter[dir] = NULL;
    loop->io_waiting--;
}

/* io_ready: the backend saw fd ready (and disarmed it). Each waiter is
 * woken once (wanting more, it waits again); a hang-up or error wakes both
 * ways, for the read or write to report. One still waiting is re-armed. */
void
io_ready(async_loop *loop, int fd, unsigned events)
{
    struct io_fd *e = &loop->io_fds[fd];
    for (int dir = 0; dir < 2; dir++) {
        async_handle *h = e->waiter[dir];
        if (h == NULL || !(events & 1u << dir))
            continue;
        io_unwatch(loop, fd, dir, h);
        if (h->cb == task_step)
            task_wake(h->arg);
        else
            loop_schedule(loop, h);
    }
    if (mask_of(e) != 0 && io_backend_arm(loop, fd, mask_of(e)) < 0)
        fatal("re-arming fd %d: %s", fd, strerror(errno));
}

/* io_select: the backend's wait for clock_wait, which owns the rules of
 * time: at most timeout s (-1: no limit), resumed after a signal. */
void
io_select(async_loop *loop, double timeout)
{
    double end = clock_real() + timeout;
    while (io_backend_wait(loop, timeout < 0 ? -1
                           : (int)fmin(ceil(timeout * 1e3), INT_MAX)) < 0) {
        if (errno != EINTR)
            fatal("waiting for descriptors: %s", strerror(errno));
        if (timeout > 0)
            timeout = fmax(0, end - clock_real());
    }
}

/* io_close: frees the table and the backend. */
void
io_close(async_loop *loop)
{
    if (loop->io_fds != NULL)
        io_backend_free(loop);
    free(loop->io_fds);
}

static void
leave(async_future *f, async_task *waiter)
{
    struct io_wait *w = (struct io_wait *)f;
    io_unwatch(f->loop, w->fd, w->dir, &waiter->step);
    task_wake(waiter);
}

static int
wait_fd(int fd, int dir, const char *who)
{
    async_task *t = task_running(who);
    struct io_wait w = {.fd = fd, .dir = dir};
    future_init(&w.fut, t->fut.loop);
    w.fut.on_cancel = leave;
    if (io_watch(t->fut.loop, fd, dir, &t->step) < 0)
        return errno == EPERM ? 0 : -1; /* epoll: a file is always ready */
    task_suspend(t, WAIT_IO, &w.fut);
    return 0;
}

int
async_wait_readable(int fd)
{
    return wait_fd(fd, 0, "async_wait_readable");
}

int
async_wait_writable(int fd)
{
    return wait_fd(fd, 1, "async_wait_writable");
}

/* async_read: a short read emptied the fd, so the next one waits first, as
 * asyncio's readers do, rather than hear EAGAIN: one system call fewer. */
ssize_t
async_read(int fd, void *buf, size_t n)
{
    LOOP_THREAD_ONLY("async_read");
    async_loop *loop = fd >= 0 && async_current_task() ? loop_current : NULL;
    ssize_t got;
    if (loop && entry(loop, fd)->drained && async_wait_readable(fd) < 0)
        return -1;
    while ((got = read(fd, buf, n)) < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (async_wait_readable(fd) < 0)
                return -1;
        } else if (errno != EINTR)
            return -1;
    }
    if (loop)
        entry(loop, fd)->drained = got > 0 && (size_t)got < n;
    return got;
}

/* no_sigpipe: a pipe has no MSG_NOSIGNAL, and a gone reader would end the
 * program: ignore SIGPIPE as Python does at startup, unless it is handled. */
static void
no_sigpipe(void)
{
    struct sigaction sa;
    if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL)
        signal(SIGPIPE, SIG_IGN);
}

/* async_write: send() with MSG_NOSIGNAL, so that a gone peer is EPIPE and
 * not a SIGPIPE that ends the program; write() for what is no socket. */
ssize_t
async_write(int fd, const void *buf, size_t n)
{
    LOOP_THREAD_ONLY("async_write");
    const char *p = buf;
    int sock = 1;
    if (MSG_NOSIGNAL == 0) /* a system without it: raw sockets need this */
        no_sigpipe();
    for (size_t done = 0; done < n;) {
        ssize_t k = sock ? send(fd, p + done, n - done, MSG_NOSIGNAL)
                         : write(fd, p + done, n - done);
        if (k >= 0)
            done += (size_t)k;
        else if (sock && errno == ENOTSOCK) {
            sock = 0;
            no_sigpipe();
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (async_wait_writable(fd) < 0)
                return -1;
        } else if (errno != EINTR)
            return -1;
    }
    return (ssize_t)n;
}
