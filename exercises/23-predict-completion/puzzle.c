// SPDX-License-Identifier: MIT
/*
 * puzzle.c: four drinks ordered at once, one of them ready at once. Read
 * it, predict its output in prediction.txt, then check. Exercise 23.
 */
#include <stdio.h>

#include "async.h"

struct drink {
    const char *name; /* what to print */
    double seconds;   /* how long it takes (0: no wait at all) */
};

static async_value
make(void *arg)
{
    struct drink *d = arg;

    printf("%s: start\n", d->name);
    if (d->seconds > 0)
        async_sleep(d->seconds);
    printf("%s: ready\n", d->name);
    return ASYNC_PTR(d);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct drink order[] = {
        {"tea", 0.3}, {"coffee", 0.1}, {"water", 0}, {"juice", 0.2},
    };
    async_task *tasks[4];

    for (int i = 0; i < 4; i++)
        tasks[i] = async_create_task(make, &order[i]);
    puts("main: all ordered");

    async_as_completed *it = async_as_completed_new(tasks, 4);
    for (async_task *t; (t = async_as_completed_next(it)) != NULL;) {
        struct drink *d = async_result(t).p;
        printf("main: got %s at %.2f\n", d->name, async_time());
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
