// SPDX-License-Identifier: MIT
/*
 * deadline.c: read four sensors, but report at 0.5 s whatever has come
 * in. A time-out in async_wait is no error: the tasks not done yet come
 * back in the pending set, still running, and the caller decides what to
 * do with them (here: note them, then cancel them). Lesson 25 (waiting
 * for the first).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began */

/* now: seconds since main began, as the lesson prints them. */
static double
now(void)
{
    return async_time() - start;
}

struct sensor {
    const char *name; /* which sensor */
    double takes;     /* seconds until it reports */
    long value;       /* what it reports */
};

static async_value
read_sensor(void *arg)
{
    struct sensor *s = arg;

    async_sleep(s->takes);
    return ASYNC_INT(s->value);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    struct sensor ss[] = {{"hall", 0.2, 21}, {"roof", 0.9, 14},
                          {"cellar", 0.4, 12}, {"garden", 2.0, 9}};
    async_task *t[4];

    for (int i = 0; i < 4; i++)
        t[i] = async_create_task_named(read_sensor, &ss[i], ss[i].name);
    async_wait_sets s = async_wait(t, 4, ASYNC_ALL_COMPLETED, 0.5);
    printf("%.2f s  report:\n", now());
    for (size_t i = 0; i < s.ndone; i++)
        printf("  %s: %ld\n", async_task_name(s.done[i]),
               async_result(s.done[i]).i);
    for (size_t i = 0; i < s.npending; i++) {
        printf("  %s: late\n", async_task_name(s.pending[i]));
        async_cancel(s.pending[i]);
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
