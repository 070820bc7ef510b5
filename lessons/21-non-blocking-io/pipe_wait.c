// SPDX-License-Identifier: MIT
/*
 * pipe_wait.c: a task reads a pipe that fills slowly. When there is
 * nothing to read it does not block: it asks the loop to wake it when the
 * pipe is readable (async_wait_readable), and the loop runs the other
 * tasks meanwhile. read_when_ready is what async_read does inside.
 * Lesson 21 (non-blocking I/O).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "async.h"

static double start; /* when main began, in loop time */
static int fds[2];   /* the pipe: fds[0] to read, fds[1] to write */

static void
say(const char *who, const char *what)
{
    printf("%.2f s  %s: %s\n", async_time() - start, who, what);
}

/* Try; if nothing is there yet, wait until the loop says the pipe is
 * readable, and try again. */
static ssize_t
read_when_ready(int fd, char *buf, size_t n)
{
    for (;;) {
        ssize_t got = read(fd, buf, n);
        if (got >= 0 || errno != EAGAIN)
            return got;
        say("reader", "nothing yet, waiting");
        async_wait_readable(fd);
    }
}

static async_value
reader(void *arg)
{
    (void)arg;
    char buf[64], line[80];
    ssize_t n;

    while ((n = read_when_ready(fds[0], buf, sizeof buf)) > 0) {
        snprintf(line, sizeof line, "got \"%.*s\"", (int)n, buf);
        say("reader", line);
    }
    say("reader", "end of file");
    return ASYNC_NONE;
}

static async_value
writer(void *arg)
{
    (void)arg;
    const char *words[] = {"one", "two", "three"};

    for (int i = 0; i < 3; i++) {
        async_sleep(0.5);
        /* Why plain write: a pipe with room takes a few bytes at once. */
        if (write(fds[1], words[i], strlen(words[i])) < 0)
            break;
    }
    close(fds[1]); /* the reader sees end of file */
    return ASYNC_NONE;
}

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        async_sleep(0.4);
        say("ticker", "the loop is free");
    }
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    if (pipe(fds) < 0)
        return ASYNC_INT(1);
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);

    async_task *t[] = {async_create_task(reader, NULL),
                       async_create_task(writer, NULL),
                       async_create_task(ticker, NULL)};
    async_gather(t, 3, NULL);
    close(fds[0]);
    return ASYNC_NONE;
}

int
main(void)
{
    return (int)async_run(main_task, NULL).i;
}
