// SPDX-License-Identifier: MIT
/*
 * full_pipe.c: async_write of a megabyte into a pipe that holds far less.
 * Each time the pipe is full the writer is suspended until the reader
 * makes room; the loop is free meanwhile. No byte is lost or reordered.
 * Lesson 21 (non-blocking I/O).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "async.h"

#define SIZE (1L << 20) /* bytes to send: far more than a pipe holds */

static double start; /* when main began, in loop time */
static int fds[2];   /* the pipe: fds[0] to read, fds[1] to write */

static void
say(const char *who, const char *what)
{
    printf("%.2f s  %s: %s\n", async_time() - start, who, what);
}

static async_value
writer(void *arg)
{
    unsigned char *data = arg;

    say("writer", "writing 1048576 bytes");
    if (async_write(fds[1], data, SIZE) == SIZE)
        say("writer", "all 1048576 bytes written");
    close(fds[1]);
    return ASYNC_NONE;
}

/* Reads until end of file and checks that byte i is i % 251 (a prime, so
 * a lost or repeated 64 KiB block would not line up again). */
static async_value
reader(void *arg)
{
    (void)arg;
    unsigned char buf[4096];
    long total = 0, wrong = 0;
    ssize_t n;

    async_sleep(1); /* busy elsewhere: the pipe fills up */
    say("reader", "starts reading");
    while ((n = async_read(fds[0], buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < n; i++, total++)
            wrong += buf[i] != total % 251;
    printf("%.2f s  reader: %ld bytes, %ld out of place\n",
           async_time() - start, total, wrong);
    return ASYNC_NONE;
}

static async_value
ticker(void *arg)
{
    (void)arg;
    async_sleep(0.5);
    say("ticker", "the loop is free while the writer waits");
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    unsigned char *data = malloc(SIZE);

    start = async_time();
    if (data == NULL || pipe(fds) < 0)
        return ASYNC_INT(1);
    for (long i = 0; i < SIZE; i++)
        data[i] = (unsigned char)(i % 251);
    /* Why both ends: a full pipe must make the writer wait, not block. */
    for (int i = 0; i < 2; i++)
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);

    async_task *t[] = {async_create_task(writer, data),
                       async_create_task(reader, NULL),
                       async_create_task(ticker, NULL)};
    async_gather(t, 3, NULL);
    close(fds[0]);
    free(data);
    return ASYNC_NONE;
}

int
main(void)
{
    return (int)async_run(main_task, NULL).i;
}
