// SPDX-License-Identifier: MIT
/*
 * driver.c: the student's fetch against other services: one busy once,
 * and two fetches cancelled, one while it backs off and one in the
 * middle of an attempt. Exercise 56.
 */
#include <stdio.h>

#include "async.h"

struct service {
    const char *name;
    int busy_for;
    int missing;
    int attempts;
};

long fetch(struct service *s);

static async_value
fetch_task(void *arg)
{
    return ASYNC_INT(fetch(arg));
}

/* cancel_at: fetches s in a task, cancels it after `after` seconds and
 * says how it ended. */
static void
cancel_at(struct service *s, double after)
{
    async_task *t = async_create_task(fetch_task, s);
    const async_error *err[1];

    async_sleep(after);
    async_cancel(t);
    async_gather_settled(&t, 1, NULL, err);
    printf("%s: cancelled %s after %d attempt(s)\n", s->name,
           err[0] && err[0]->code == ASYNC_CANCELLED ? "yes" : "no",
           s->attempts);
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct service once = {"once", 1, 0, 0};
    struct service a = {"napping", 99, 0, 0}, b = {"working", 99, 0, 0};

    double t0 = async_time();
    long v = fetch(&once);
    printf("once: got %ld in %.2f s\n", v, async_time() - t0);
    cancel_at(&a, 0.3);
    cancel_at(&b, 0.42);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
