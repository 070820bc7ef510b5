// SPDX-License-Identifier: MIT
/*
 * plates.c: a cook puts out plates one at a time; each guest waits until
 * there are enough for their table. Every guest waits on one condition,
 * with a predicate of its own; the cook notifies all of them after each
 * plate, and each checks again, holding the lock, in the order they
 * began to wait. Lesson 25 (waiting for the first).
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

static async_condition *counter; /* guards plates */
static long plates;              /* on the counter now */

struct guest {
    const char *name; /* who */
    long need;        /* plates for their table */
};

static bool
enough(void *arg)
{
    return plates >= ((struct guest *)arg)->need;
}

static async_value
guest(void *arg)
{
    struct guest *g = arg;

    async_condition_acquire(counter);
    async_condition_wait_for(counter, enough, g);
    plates -= g->need;
    printf("%.2f s  %s takes %ld, %ld left\n", now(), g->name,
           g->need, plates);
    async_condition_release(counter);
    return ASYNC_NONE;
}

static async_value
cook(void *arg)
{
    (void)arg;
    for (int i = 0; i < 6; i++) {
        async_sleep(0.1);
        async_condition_acquire(counter);
        plates++;
        printf("%.2f s  plate %d out\n", now(), i + 1);
        async_condition_notify_all(counter);
        async_condition_release(counter);
    }
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    struct guest gs[] = {{"Ann", 2}, {"Bob", 1}, {"Cy", 3}};
    async_task *t[4];

    counter = async_condition_new(NULL);
    for (int i = 0; i < 3; i++)
        t[i] = async_create_task_named(guest, &gs[i], gs[i].name);
    t[3] = async_create_task(cook, NULL);
    async_gather(t, 4, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
