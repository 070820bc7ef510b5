// SPDX-License-Identifier: MIT
/*
 * gather_order.c: three tasks finish in the order 2, 3, 1 (by their
 * sleeps), yet gather hands back the results in the order of its
 * arguments: 1, 2, 3. Lesson 10 (gather).
 */
#include <stdio.h>

#include "async.h"

/* When main started: every time printed is measured from here. */
static double start;

struct job {
    long id;
    double seconds;
};

static async_value
work(void *arg)
{
    struct job *j = arg;

    async_sleep(j->seconds);
    printf("job %ld finished at %.2f s\n", j->id, async_time() - start);
    return ASYNC_INT(j->id * 100);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct job jobs[3] = {{1, 0.3}, {2, 0.1}, {3, 0.2}};
    void *args[3] = {&jobs[0], &jobs[1], &jobs[2]};
    async_value r[3];

    start = async_time();
    async_gather_fn(work, args, 3, r);
    for (int i = 0; i < 3; i++)
        printf("result %d: %ld\n", i, r[i].i);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
