// SPDX-License-Identifier: MIT
/*
 * downloads.c: a semaphore bounds how many tasks do something at once.
 * Six downloads start together, but a Semaphore(2) lets only two hold a
 * place at a time; each release lets the next one in, in the order they
 * asked. Lesson 19 (locks and semaphores).
 */
#include <stdio.h>

#include "async.h"

static async_semaphore *places; /* two downloads at a time */
static int running;             /* downloads under way now */
static int most;                /* the most ever under way at once */

static double start; /* when main began, in loop time */

static double
now(void)
{
    return async_time() - start;
}

static async_value
download(void *arg)
{
    long n = *(long *)arg;

    async_semaphore_acquire(places);
    if (++running > most)
        most = running;
    printf("%.2f s  start %ld (%d running)\n", now(), n, running);
    async_sleep(1);
    running--;
    printf("%.2f s  done %ld\n", now(), n);
    async_semaphore_release(places);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    long n[] = {1, 2, 3, 4, 5, 6};
    void *args[] = {&n[0], &n[1], &n[2], &n[3], &n[4], &n[5]};

    start = async_time();
    places = async_semaphore_new(2);
    async_gather_fn(download, args, 6, NULL);
    printf("6 downloads in %.2f s, at most %d at once\n", now(), most);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
