// SPDX-License-Identifier: MIT
/*
 * take_turns.c: a lock is fair. Three tasks each hold it twice; a task
 * that releases it and asks again at once goes to the back of the line,
 * because release hands the lock to the first task waiting, not to
 * whoever asks next. Lesson 19 (locks and semaphores).
 */
#include <stdio.h>

#include "async.h"

static async_lock *lock; /* the one counter all three need */

static double start; /* when main began, in loop time */

static double
now(void)
{
    return async_time() - start;
}

static async_value
customer(void *arg)
{
    const char *name = arg;

    for (int round = 1; round <= 2; round++) {
        async_lock_acquire(lock);
        printf("%.2f s  %s has the lock (round %d)\n", now(), name,
               round);
        async_sleep(1);
        async_lock_release(lock); /* and straight back into the line */
    }
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    void *names[] = {"A", "B", "C"};

    start = async_time();
    lock = async_lock_new();
    async_gather_fn(customer, names, 3, NULL);
    printf("%.2f s  done\n", now());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
