// SPDX-License-Identifier: MIT
/*
 * lab_io.h: lab 43lab's API, the I/O phase of a loop over poll(2).
 * Given: read it, do not change it (the tests include it). Its shape is
 * the runtime's (runtime/io.c, runtime/io_poll.c), its names its own.
 */
#ifndef LAB_IO_H
#define LAB_IO_H

#include <poll.h>
#include <stdbool.h>

/* What a watcher waits for, and what it is told. */
#define LAB_READ 1u    /* readable (or hung up, or in error) */
#define LAB_WRITE 2u   /* writable (or in error) */
#define LAB_ONESHOT 4u /* lab_io_add: remove the watcher as it fires */

/* cb(fd, events, arg): fd is ready; events is LAB_READ or LAB_WRITE, the
 * way this watcher waits. It may add and remove watchers, its own too. */
typedef void lab_io_cb(int fd, unsigned events, void *arg);

struct lab_watcher {
    lab_io_cb *cb; /* NULL: nobody waits this way */
    void *arg;
    bool oneshot;
};

/* A descriptor's line: who waits to read it, who waits to write it. */
struct lab_fd {
    struct lab_watcher w[2]; /* [0] reading, [1] writing */
};

#define LAB_NO_TIMER (-1.0)

struct lab_io {
    struct lab_fd *fds;   /* indexed by fd; grows to fit (given) */
    int nfds;             /* lines in fds */
    int watching;         /* watchers registered, both ways counted */
    struct pollfd *p;     /* built by lab_io_build before each wait */
    int np, pcap;         /* entries in p, room in p */
    /* What the rest of the loop tells the I/O phase: */
    int nready;           /* callbacks in the loop's ready queue */
    double now;           /* the loop's time, seconds */
    double next_timer;    /* the earliest deadline, or LAB_NO_TIMER */
};

void lab_io_init(struct lab_io *io);
void lab_io_free(struct lab_io *io);
/* lab_io_add: cb(fd, ..., arg) when fd is ready for how (LAB_READ or
 * LAB_WRITE, with LAB_ONESHOT or not). 0, or -1 with errno: EBADF (fd
 * < 0), EINVAL (how names no one way), EEXIST (someone already waits
 * on fd that way). */
int lab_io_add(struct lab_io *io, int fd, unsigned how, lab_io_cb *cb,
               void *arg);
/* lab_io_remove: nobody waits on fd the way how says (LAB_READ,
 * LAB_WRITE, or both). 0, or -1 with errno ENOENT if nobody did. */
int lab_io_remove(struct lab_io *io, int fd, unsigned how);
int lab_io_build(struct lab_io *io);         /* fills p; returns np */
int lab_io_timeout(const struct lab_io *io); /* poll's timeout, in ms */
int lab_io_dispatch(struct lab_io *io);      /* calls; returns how many */
int lab_io_phase(struct lab_io *io);         /* the four, in order */

#endif
