// SPDX-License-Identifier: MIT
/*
 * io_epoll.c: the I/O backend on Linux (lesson 21). The kernel keeps the
 * interest list, so a wait costs nothing per fd watched. One-shot: a
 * reported fd stays registered but silent until a task waits again (one
 * epoll_ctl): an idle ready socket never wakes the loop, no add and delete.
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

/* io_backend_arm: MOD an entry the kernel has, ADD one it lacks; `added`
 * may be stale (a closed fd leaves epoll, its number may come back), so an
 * error tries the other. EPERM (a regular file): io.c calls it ready. */
int
io_backend_arm(async_loop *loop, int fd, unsigned mask)
{
    struct io_fd *e = &loop->io_fds[fd];
    struct epoll_event ev = {
        .events = EPOLLONESHOT | (mask & IO_READ ? EPOLLIN : 0u) |
                  (mask & IO_WRITE ? EPOLLOUT : 0u),
        .data.fd = fd,
    };
    int op = e->added ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(loop->io_epfd, op, fd, &ev) < 0) {
        if (errno != (op == EPOLL_CTL_MOD ? ENOENT : EEXIST))
            return -1;
        op = op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        if (epoll_ctl(loop->io_epfd, op, fd, &ev) < 0)
            return -1;
    }
    e->added = 1;
    return 0;
}

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
