// SPDX-License-Identifier: MIT
/*
 * io_poll.c: the portable I/O backend (lesson 21 reads it first). poll()
 * keeps nothing between calls: each wait lists every awaited descriptor
 * from io.c's table and the kernel scans them all: fine for a lesson's
 * tens, and why servers with thousands use epoll or kqueue (io_epoll.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>

#include "internal.h"

int
io_backend_init(async_loop *loop)
{
    (void)loop;
    return 0;
}

void
io_backend_free(async_loop *loop)
{
    (void)loop;
}

/* io_backend_arm: nothing to tell the kernel (each wait lists every
 * awaited fd); only check, as epoll_ctl would, that fd is open. */
int
io_backend_arm(async_loop *loop, int fd, unsigned mask)
{
    (void)loop;
    (void)mask;
    return fcntl(fd, F_GETFD) < 0 ? -1 : 0;
}

/* io_backend_wait reports the ready descriptors in fd order. */
int
io_backend_wait(async_loop *loop, int ms)
{
    struct pollfd *p = malloc((loop->io_waiting + 1) * sizeof *p);
    nfds_t n = 0;
    if (p == NULL)
        fatal("out of memory waiting for descriptors");
    for (int fd = 0; fd < loop->io_nfds; fd++) {
        const struct io_fd *e = &loop->io_fds[fd];
        if (e->waiter[0] || e->waiter[1])
            p[n++] = (struct pollfd){
                .fd = fd,
                .events = (short)((e->waiter[0] ? POLLIN : 0) |
                                  (e->waiter[1] ? POLLOUT : 0)),
            };
    }
    int ready = poll(p, n, ms);
    for (nfds_t i = 0; ready > 0 && i < n; i++) {
        int r = p[i].revents;
        if (r & (POLLHUP | POLLERR | POLLNVAL))
            r |= POLLIN | POLLOUT; /* the read or write will say what */
        if (r)
            io_ready(loop, p[i].fd, (r & POLLIN ? IO_READ : 0u) |
                                        (r & POLLOUT ? IO_WRITE : 0u));
    }
    int saved = errno;
    free(p);
    errno = saved;
    return ready;
}
