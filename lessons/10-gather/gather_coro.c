// SPDX-License-Identifier: MIT
/*
 * gather_coro.c: gather over two tasks already running, one waiting 3 s
 * and one 10 s. The gather ends when the slower one does, 10 s after the
 * start (not 13), with both results in argument order.
 * Lesson 10 (gather), seed 004's gather example.
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct seq {
    long v[3];
};

static async_value
coro(void *arg)
{
    struct seq *s = arg;
    long max = s->v[0];

    for (size_t i = 1; i < 3; i++)
        if (s->v[i] > max)
            max = s->v[i];
    async_sleep((double)max);
    long first = s->v[0]; /* reverse in place */
    s->v[0] = s->v[2];
    s->v[2] = first;
    return ASYNC_PTR(s);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct seq a = {{3, 2, 1}}, b = {{10, 5, 0}};
    async_task *tasks[2];
    async_value r[2];
    double start = async_time();

    tasks[0] = async_create_task(coro, &a);
    tasks[1] = async_create_task(coro, &b);
    printf("Start: %.2f s\n", async_time() - start);
    async_gather(tasks, 2, r);
    printf("End: %.2f s\n", async_time() - start);
    printf("Both done: %s\n",
           async_done(tasks[0]) && async_done(tasks[1]) ? "True" : "False");
    struct seq *x = r[0].p, *y = r[1].p;
    printf("[[%ld, %ld, %ld], [%ld, %ld, %ld]]\n", x->v[0], x->v[1],
           x->v[2], y->v[0], y->v[1], y->v[2]);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
