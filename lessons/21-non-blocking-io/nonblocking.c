// SPDX-License-Identifier: MIT
/*
 * nonblocking.c: a pipe read without waiting. A non-blocking descriptor
 * never stops the thread: a read with nothing to read fails at once with
 * EAGAIN, and poll(2) tells beforehand whether a read would wait. No loop
 * and no task yet: this is the raw material. Lesson 21 (non-blocking I/O).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

/* What poll says about fd right now (timeout 0: look, do not wait). */
static void
ask_poll(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};

    poll(&p, 1, 0);
    if (p.revents & POLLIN)
        printf("poll: ready to read\n");
    else if (p.revents & POLLHUP)
        printf("poll: ready (the writer hung up)\n");
    else
        printf("poll: not ready\n");
}

static void
try_read(int fd)
{
    char buf[64];
    ssize_t n = read(fd, buf, sizeof buf);

    if (n < 0 && errno == EAGAIN)
        printf("read: -1, EAGAIN (nothing yet; a blocking read would wait "
               "here)\n");
    else if (n == 0)
        printf("read: 0 (end of file)\n");
    else
        printf("read: %zd bytes: %.*s", n, (int)n, buf);
}

int
main(void)
{
    int fds[2];

    if (pipe(fds) < 0)
        return 1;
    /* Why: a descriptor blocks by default; this flag is what
     * "non-blocking" means. */
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);

    ask_poll(fds[0]);
    try_read(fds[0]);
    printf("write: %zd bytes\n", write(fds[1], "hello\n", 6));
    ask_poll(fds[0]);
    try_read(fds[0]);
    try_read(fds[0]);
    close(fds[1]);
    printf("write end closed\n");
    ask_poll(fds[0]);
    try_read(fds[0]);
    close(fds[0]);
    return 0;
}
