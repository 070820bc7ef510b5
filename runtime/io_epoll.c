// SPDX-License-Identifier: MIT
/*
 * io_epoll.c: the I/O backend on Linux. The kernel keeps the interest
 * list (epoll_ctl), so a wait costs nothing per descriptor watched.
 * Level-triggered: a descriptor still ready is reported again, which is
 * what a waiter that read only part of the data needs. A descriptor is
 * registered when a task starts waiting on it and removed when no task
 * does, so an idle ready socket never wakes the loop.
 */
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "internal.h"

#define BATCH 64 /* events taken per wait; more are reported next time */

int
io_backend_init(async_loop *loop)
{
    loop->io_epfd = epoll_create1(EPOLL_CLOEXEC);
    return loop->io_epfd;
}

void
io_backend_free(async_loop *loop)
{
    close(loop->io_epfd);
}

/* io_backend_set: fd's interest goes from old to now (IO_* masks).
 * epoll refuses regular files with EPERM: io.c treats them as ready. */
int
io_backend_set(async_loop *loop, int fd, unsigned old, unsigned now)
{
    struct epoll_event ev = {
        .events = (now & IO_READ ? EPOLLIN : 0u) |
                  (now & IO_WRITE ? EPOLLOUT : 0u),
        .data.fd = fd,
    };
    int op = old == 0 ? EPOLL_CTL_ADD
             : now == 0 ? EPOLL_CTL_DEL
                        : EPOLL_CTL_MOD;
    return epoll_ctl(loop->io_epfd, op, fd, &ev);
}

/* io_backend_wait: at most ms milliseconds (-1: no limit); reports each
 * ready fd to io_ready. Returns how many, or -1 (errno, EINTR too). */
int
io_backend_wait(async_loop *loop, int ms)
{
    struct epoll_event ev[BATCH];
    int n = epoll_wait(loop->io_epfd, ev, BATCH, ms);

    for (int i = 0; i < n; i++) {
        unsigned e = ev[i].events;
        unsigned both = e & (EPOLLHUP | EPOLLERR) ? IO_READ | IO_WRITE : 0;
        io_ready(loop, ev[i].data.fd,
                 both | (e & EPOLLIN ? IO_READ : 0u) |
                     (e & EPOLLOUT ? IO_WRITE : 0u));
    }
    return n;
}
