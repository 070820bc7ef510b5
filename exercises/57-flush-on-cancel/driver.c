// SPDX-License-Identifier: MIT
/*
 * driver.c: the student's logger cancelled in the middle of a write, and
 * with nothing buffered. Exercise 57.
 */
#include <stdio.h>
#include <string.h>

#include "async.h"

struct log {
    char lines[16][40];
    int n;
    int written;
};

async_value logger(void *arg);

static void
run(const char *name, struct log *l, double cancel_after)
{
    async_task *t = async_create_task(logger, l);
    const async_error *err[1];

    async_sleep(cancel_after);
    async_cancel(t);
    async_gather_settled(&t, 1, NULL, err);
    printf("%s: cancelled %s at %.2f s, %d written, %d lost\n", name,
           err[0] && err[0]->code == ASYNC_CANCELLED ? "yes" : "no",
           async_time(), l->written, l->n);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct log busy = {{"a", "b"}, 2, 0}, idle;

    run("mid-write", &busy, 1.05);
    run("idle", &idle, 0.5);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
