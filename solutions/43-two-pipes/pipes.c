// SPDX-License-Identifier: MIT
/*
 * Exercise 43: two pipes, one reader each.
 *
 * The idea (lesson 21, non-blocking I/O):
 *   1. A pipe's read end blocks by default: a read with nothing to read
 *      puts the whole thread to sleep, the loop with it. Made non-blocking
 *      (fcntl, O_NONBLOCK), it returns -1 with EAGAIN instead.
 *   2. async_read(fd, buf, size) on a non-blocking descriptor waits for
 *      the data without blocking anyone: the task suspends until the pipe
 *      is readable (async_wait_readable) while the loop runs the others.
 *      It returns the bytes that are there (at most size), and 0 at end of
 *      file, once the writer has closed its end.
 *   3. A read is not a line: a line written in two pieces arrives in two
 *      reads, two lines written at once in one. Keep the bytes until a
 *      '\n' completes a line.
 *   4. One task per pipe: each waits for its own pipe, and neither holds
 *      up the other.
 *
 * Your task: write open_pipe, which makes a pipe whose read end never
 * blocks; relay, which prints each line of one pipe the moment it is
 * complete, then "end of file"; and start a relay task for each pipe in
 * amain. Two writers fill the pipes at their own pace (the left one about
 * every 0.3 s, the right one about every 0.5 s), sometimes half a line,
 * sometimes two lines at once, and a ticker shows that the loop is never
 * held up.
 *
 * Check it: make grade EX=43    Stuck? python3 grader/grade.py --hint 43
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "async.h"

#define LINE_MAX_LEN 100 /* no line is longer, '\n' included */

struct source {
    const char *name; /* printed before each of its lines */
    int fd;           /* the pipe's read end */
};

struct piece {
    double after;      /* seconds after the previous piece */
    const char *bytes; /* written in one write; NULL ends the list */
};

struct script {
    int fd;                    /* the pipe's write end */
    const struct piece *piece; /* what to write, and when */
};

/* open_pipe: a pipe, fds[0] to read and fds[1] to write, whose read end
 * is non-blocking. Returns 0, or -1 if the pipe cannot be made. */
int
open_pipe(int fds[2])
{
    if (pipe(fds) < 0)
        return -1;
    /* Why: a blocking read of an empty pipe would stop the whole loop. */
    int flags = fcntl(fds[0], F_GETFL);
    return fcntl(fds[0], F_SETFL, flags | O_NONBLOCK);
}

/* relay: prints each line of s's pipe ("1.30 s  right: green", without
 * its '\n') as soon as it is complete, then "end of file". A task; arg
 * is its struct source. */
async_value
relay(void *arg)
{
    struct source *s = arg;
    char buf[64], line[LINE_MAX_LEN];
    size_t len = 0;
    ssize_t n;

    /* Why a loop: each read gives what has arrived, not one line. */
    while ((n = async_read(s->fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                if (len < sizeof line - 1)
                    line[len++] = buf[i];
                continue;
            }
            printf("%.2f s  %s: %.*s\n", async_time(), s->name, (int)len,
                   line);
            len = 0;
        }
    }
    printf("%.2f s  %s: end of file\n", async_time(), s->name);
    return ASYNC_NONE;
}

/* writer: writes its script's pieces into the pipe at their times, then
 * closes the write end: the reader sees end of file. */
static async_value
writer(void *arg)
{
    const struct script *w = arg;

    for (const struct piece *p = w->piece; p->bytes != NULL; p++) {
        async_sleep(p->after);
        async_write(w->fd, p->bytes, strlen(p->bytes));
    }
    close(w->fd);
    return ASYNC_NONE;
}

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        async_sleep(0.4);
        printf("%.2f s  tick\n", async_time());
    }
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static const struct piece left_pieces[] = {
        {0.3, "apple\n"}, {0.3, "ban"}, {0.1, "ana\n"},
        {0.2, "cherry\ndate\n"}, {0, NULL},
    };
    static const struct piece right_pieces[] = {
        {0.5, "red\n"}, {0.5, "gre"}, {0.3, "en\nblu"}, {0.3, "e\n"},
        {0, NULL},
    };
    int lfd[2], rfd[2];

    if (open_pipe(lfd) < 0 || open_pipe(rfd) < 0)
        return ASYNC_INT(1);
    struct source sources[] = {{"left", lfd[0]}, {"right", rfd[0]}};
    struct script scripts[] = {{lfd[1], left_pieces}, {rfd[1], right_pieces}};
    async_task *t[5] = {async_create_task(writer, &scripts[0]),
                        async_create_task(writer, &scripts[1]),
                        async_create_task(ticker, NULL)};

    /* Why one task each: each waits for its own pipe, alone. */
    t[3] = async_create_task(relay, &sources[0]);
    t[4] = async_create_task(relay, &sources[1]);

    async_gather(t, 5, NULL);
    printf("%.2f s  both pipes read\n", async_time());
    close(lfd[0]);
    close(rfd[0]);
    return ASYNC_NONE;
}

int
main(void)
{
    return (int)async_run(amain, NULL).i;
}
