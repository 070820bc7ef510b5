// SPDX-License-Identifier: MIT
/*
 * hikers.c: three hikers walk two legs at their own pace and regroup at
 * each checkpoint: a barrier of 3. async_barrier_wait returns each
 * hiker's place of arrival; the last to arrive (index 2) does not wait,
 * and the others go on after it, in the order they came. Lesson 25
 * (waiting for the first).
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

static async_barrier *checkpoint;

struct hiker {
    const char *name; /* who */
    double leg[2];    /* seconds for each leg */
};

static async_value
hike(void *arg)
{
    struct hiker *h = arg;

    for (int i = 0; i < 2; i++) {
        async_sleep(h->leg[i]);
        long index = async_barrier_wait(checkpoint);
        if (index == async_barrier_parties(checkpoint) - 1)
            printf("%.2f s  %s arrives last at checkpoint %d\n",
                   now(), h->name, i + 1);
        printf("%.2f s  %s leaves checkpoint %d (arrived #%ld)\n",
               now(), h->name, i + 1, index + 1);
    }
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    struct hiker hs[] = {
        {"Ann", {1.0, 2.5}}, {"Bob", {1.5, 1.0}}, {"Cy", {0.5, 2.0}}};
    async_task *t[3];

    checkpoint = async_barrier_new(3);
    for (int i = 0; i < 3; i++)
        t[i] = async_create_task_named(hike, &hs[i], hs[i].name);
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
