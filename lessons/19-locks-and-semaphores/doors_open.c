// SPDX-License-Identifier: MIT
/*
 * doors_open.c: an event as a starting gun. Shoppers arrive one by one
 * and wait on the event; one async_event_set lets them all in at the same
 * moment. A shopper who comes after the doors opened does not wait at
 * all. Lesson 19 (locks and semaphores).
 */
#include <stdio.h>

#include "async.h"

static async_event *doors; /* set: the shop is open */

static double start; /* when main began, in loop time */

static double
now(void)
{
    return async_time() - start;
}

struct shopper {
    const char *name; /* who */
    double arrives;   /* when they reach the door, in seconds */
};

static async_value
shopper(void *arg)
{
    struct shopper *s = arg;

    async_sleep(s->arrives);
    printf("%.2f s  %s waits at the door\n", now(), s->name);
    async_event_wait(doors);
    printf("%.2f s  %s goes in\n", now(), s->name);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct shopper s[] = {{"Ann", 0.1}, {"Bob", 0.2}, {"Cy", 0.3},
                          {"Dee", 0.7}};
    async_task *t[4];

    start = async_time();
    doors = async_event_new();
    for (int i = 0; i < 4; i++)
        t[i] = async_create_task(shopper, &s[i]);
    async_sleep(0.5);
    printf("%.2f s  the doors open\n", now());
    async_event_set(doors);
    async_gather(t, 4, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
