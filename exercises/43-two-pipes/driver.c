// SPDX-License-Identifier: MIT
/*
 * driver.c: three other pipes for the student's open_pipe and relay: a
 * line in three pieces and three lines in one write, a pipe closed with
 * nothing in it, and a long line split across two writes. Exercise 43.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "async.h"

struct source {
    const char *name;
    int fd;
};

struct piece {
    double after;
    const char *bytes;
};

struct script {
    int fd;
    const struct piece *piece;
};

int open_pipe(int fds[2]);
async_value relay(void *arg);

static async_value
fill(void *arg)
{
    const struct script *w = arg;

    for (const struct piece *p = w->piece; p->bytes != NULL; p++) {
        async_sleep(p->after);
        async_write(w->fd, p->bytes, strlen(p->bytes));
    }
    async_sleep(0.1); /* Why: end of file comes apart from the last line */
    close(w->fd);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static const struct piece ann[] = {
        {0.2, "a"}, {0.2, "b"}, {0.2, "c\n"}, {0.2, "x\ny\nz\n"}, {0, NULL},
    };
    static const struct piece bob[] = {{0, NULL}};
    static const struct piece cy[] = {
        {0.25, "the quick brown fox jum"},
        {0.3, "ps over the lazy dog\nshort\n"}, {0.3, "end\n"}, {0, NULL},
    };
    const struct piece *pieces[] = {ann, bob, cy};
    const char *names[] = {"ann", "bob", "cy"};
    struct source src[3];
    struct script scr[3];
    async_task *t[6];

    for (int i = 0; i < 3; i++) {
        int fds[2];
        if (open_pipe(fds) < 0)
            return ASYNC_INT(1);
        src[i] = (struct source){names[i], fds[0]};
        scr[i] = (struct script){fds[1], pieces[i]};
        t[i] = async_create_task(relay, &src[i]);
        t[3 + i] = async_create_task(fill, &scr[i]);
    }
    async_gather(t, 6, NULL);
    printf("%.2f s  all three read\n", async_time());
    for (int i = 0; i < 3; i++)
        close(src[i].fd);
    return ASYNC_NONE;
}

int
main(void)
{
    return (int)async_run(amain, NULL).i;
}
