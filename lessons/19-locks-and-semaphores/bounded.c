// SPDX-License-Identifier: MIT
/*
 * bounded.c: a release without its acquire. A plain semaphore takes the
 * extra release as one more place, and from then on lets two tasks into
 * a one-place section, silently. A bounded semaphore knows its initial
 * value and stops the program at the bad release instead. Lesson 19
 * (locks and semaphores).
 */
#include <stdio.h>

#include "async.h"

static async_semaphore *room; /* meant for one guest at a time */
static int inside;            /* guests in the room now */

static async_value
guest(void *arg)
{
    const char *name = arg;

    async_semaphore_acquire(room);
    printf("  %s is in (%d inside)\n", name, ++inside);
    async_sleep(1);
    inside--;
    async_semaphore_release(room);
    return ASYNC_NONE;
}

/* The bug: one acquire, two releases (say, an error path that releases
 * and then falls through to the normal release). */
static void
enter_and_leave_twice(async_semaphore *s)
{
    async_semaphore_acquire(s);
    async_semaphore_release(s);
    async_semaphore_release(s);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    void *names[] = {"Ann", "Bob"};

    puts("Semaphore(1), released twice:");
    room = async_semaphore_new(1);
    enter_and_leave_twice(room);
    async_gather_fn(guest, names, 2, NULL);

    puts("BoundedSemaphore(1), released twice:");
    room = async_bounded_semaphore_new(1);
    enter_and_leave_twice(room); /* stops the program */
    async_gather_fn(guest, names, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
