// SPDX-License-Identifier: MIT
/*
 * create_task_coro.c: one task around one coroutine, awaited at once.
 * The task waits as long as the largest number, then hands back the
 * numbers reversed; afterwards it reports itself done.
 * Lesson 08 (tasks), seed 004's create_task example.
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct seq {
    long v[3];
};

/* The "I/O wait" lasts as many seconds as the largest element. */
static async_value
coro(void *arg)
{
    struct seq *s = arg;
    long max = s->v[0];

    for (size_t i = 1; i < 3; i++)
        if (s->v[i] > max)
            max = s->v[i];
    async_sleep((double)max);
    for (size_t i = 0; i < 3 / 2; i++) { /* reverse in place */
        long tmp = s->v[i];
        s->v[i] = s->v[2 - i];
        s->v[2 - i] = tmp;
    }
    return ASYNC_PTR(s);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct seq s = {{3, 2, 1}};

    /* A task for a single coroutine is redundant: calling coro(&s)
     * directly would await it just the same. */
    async_task *t = async_create_task(coro, &s);
    struct seq *r = async_await(t).p;
    printf("t: task named '%s'\n", async_task_name(t));
    printf("t done: %s\n", async_done(t) ? "True" : "False");
    printf("t result: [%ld, %ld, %ld]\n", r->v[0], r->v[1], r->v[2]);
    return ASYNC_PTR(NULL); /* main returns nothing: Python's None */
}

int
main(void)
{
    async_value t = async_run(amain, NULL);

    printf("%s\n", t.p == NULL ? "None" : "something");
    return 0;
}
