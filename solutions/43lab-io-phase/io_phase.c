// SPDX-License-Identifier: MIT
/*
 * Lab 43lab: the I/O phase of a loop, over poll(2).
 *
 * A loop that waits for descriptors keeps a table of who waits on what
 * (a watcher: a callback, for reading or for writing), and at each turn
 * builds poll's array from it, computes how long poll may wait, waits,
 * and calls the watchers of the descriptors poll found ready. The
 * runtime does this in runtime/io.c (the table) and runtime/io_poll.c
 * (the backend); read them once your tests pass.
 *
 * Yours, in order (README.md says more):
 *   1. lab_io_add and lab_io_remove;
 *   2. lab_io_build;
 *   3. lab_io_timeout;
 *   4. events_of and lab_io_dispatch.
 *
 * Check it: make grade EX=43lab    Stuck? python3 grader/grade.py --hint 43lab
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "async.h"
#include "lab_io.h"

/* ---- Given: memory ------------------------------------------------------- */

static void *
grow(void *a, size_t n, size_t size)
{
    void *b = realloc(a, n * size);
    if (b == NULL) {
        fprintf(stderr, "lab_io: out of memory for %zu entries\n", n);
        exit(1);
    }
    return b;
}

void
lab_io_init(struct lab_io *io)
{
    *io = (struct lab_io){.next_timer = LAB_NO_TIMER};
}

void
lab_io_free(struct lab_io *io)
{
    free(io->fds);
    free(io->p);
    lab_io_init(io);
}

/* entry: fd's line in the table (fd >= 0), which grows to fit it. */
static struct lab_fd *
entry(struct lab_io *io, int fd)
{
    if (fd >= io->nfds) {
        int n = io->nfds ? io->nfds : 16;
        while (n <= fd)
            n *= 2;
        io->fds = grow(io->fds, (size_t)n, sizeof *io->fds);
        memset(io->fds + io->nfds, 0, (size_t)(n - io->nfds) * sizeof *io->fds);
        io->nfds = n;
    }
    return &io->fds[fd];
}

/* ---- 1. Who waits on what ----------------------------------------------- */

int
lab_io_add(struct lab_io *io, int fd, unsigned how, lab_io_cb *cb, void *arg)
{
    unsigned way = how & (LAB_READ | LAB_WRITE);

    if (fd < 0)
        return errno = EBADF, -1;
    if (way != LAB_READ && way != LAB_WRITE)
        return errno = EINVAL, -1;
    /* TODO: the watcher of fd that way (w[0] reading, w[1] writing):
     * EEXIST if taken; else fill it (one-shot if how says so), count it,
     * return 0. */
    struct lab_watcher *w = &entry(io, fd)->w[way == LAB_WRITE];
    if (w->cb != NULL)
        return errno = EEXIST, -1;
    *w = (struct lab_watcher){cb, arg, (how & LAB_ONESHOT) != 0};
    io->watching++;
    return 0;
}

int
lab_io_remove(struct lab_io *io, int fd, unsigned how)
{
    int removed = 0;

    /* TODO: for each way how names, empty fd's watcher if there is one
     * (fd may be beyond the table) and count it out; ENOENT if none. */
    for (int dir = 0; dir < 2; dir++) {
        if (!(how & (dir ? LAB_WRITE : LAB_READ)) || fd < 0 ||
            fd >= io->nfds || io->fds[fd].w[dir].cb == NULL)
            continue;
        io->fds[fd].w[dir] = (struct lab_watcher){0};
        io->watching--;
        removed++;
    }
    if (removed == 0)
        return errno = ENOENT, -1;
    return 0;
}

/* ---- 2. poll's array ------------------------------------------------------ */

int
lab_io_build(struct lab_io *io)
{
    if (io->pcap < io->watching) { /* at most one entry per watcher */
        io->pcap = io->watching;
        io->p = grow(io->p, (size_t)io->pcap, sizeof *io->p);
    }
    /* TODO: one pollfd per descriptor someone waits on, in fd order:
     * POLLIN if someone waits to read it, POLLOUT to write it. */
    io->np = 0;
    for (int fd = 0; fd < io->nfds; fd++) {
        const struct lab_fd *e = &io->fds[fd];
        if (e->w[0].cb || e->w[1].cb)
            io->p[io->np++] = (struct pollfd){
                .fd = fd,
                .events = (short)((e->w[0].cb ? POLLIN : 0) |
                                  (e->w[1].cb ? POLLOUT : 0)),
            };
    }
    return io->np;
}

/* ---- 3. How long poll may wait ------------------------------------------- */

int
lab_io_timeout(const struct lab_io *io)
{
    /* TODO: 0 if a callback is ready; -1 (no limit) if no timer is armed;
     * else the milliseconds until it, rounded up (rounded down, poll
     * would return just before the deadline, and the loop would spin),
     * 0 if it is due already, at most INT_MAX. */
    if (io->nready > 0)
        return 0;
    if (io->next_timer == LAB_NO_TIMER)
        return -1;
    double ms = ceil((io->next_timer - io->now) * 1e3);
    return ms <= 0 ? 0 : ms >= INT_MAX ? INT_MAX : (int)ms;
}

/* ---- 4. Calling the watchers ------------------------------------------------ */

/* events_of: the ways poll's revents wake (LAB_READ, LAB_WRITE). */
static unsigned
events_of(short revents)
{
    /* TODO: POLLIN wakes the reader, POLLOUT the writer; a hang-up or an
     * error (POLLHUP, POLLERR, POLLNVAL) wakes both: the read or write
     * they then make says what happened. */
    if (revents & (POLLHUP | POLLERR | POLLNVAL))
        return LAB_READ | LAB_WRITE;
    return (revents & POLLIN ? LAB_READ : 0u) |
           (revents & POLLOUT ? LAB_WRITE : 0u);
}

int
lab_io_dispatch(struct lab_io *io)
{
    int called = 0;

    /* TODO: for each entry of p with revents, each way events_of wakes:
     * read the watcher from the table now (a callback run before may have
     * removed it); a one-shot one is removed before it is called (so its
     * callback may add itself again); call it with that way. */
    for (int i = 0; i < io->np; i++) {
        int fd = io->p[i].fd;
        unsigned events = events_of(io->p[i].revents);
        for (int dir = 0; dir < 2; dir++) {
            unsigned way = dir ? LAB_WRITE : LAB_READ;
            if (!(events & way) || io->fds[fd].w[dir].cb == NULL)
                continue;
            struct lab_watcher w = io->fds[fd].w[dir];
            if (w.oneshot)
                lab_io_remove(io, fd, way);
            w.cb(fd, way, w.arg);
            called++;
        }
    }
    return called;
}

/* ---- Given: the phase ------------------------------------------------------- */

/* lab_io_phase: how long, the array, the wait, the calls. With nothing
 * to wait for and no limit, nothing could ever wake the loop: it says so
 * (errno EDEADLK) rather than sleep forever. */
int
lab_io_phase(struct lab_io *io)
{
    int ms = lab_io_timeout(io);
    int n = lab_io_build(io);

    if (n == 0 && ms < 0)
        return errno = EDEADLK, -1;
    while (poll(io->p, (nfds_t)n, ms) < 0)
        if (errno != EINTR)
            return -1;
    return lab_io_dispatch(io);
}
