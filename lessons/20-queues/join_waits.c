// SPDX-License-Identifier: MIT
/*
 * join_waits.c: join waits for the work, not for an empty queue. The
 * worker takes the last job at 1 s and the queue is empty from then on,
 * but join returns only at 2 s, when that job's task_done comes. Lesson
 * 20 (queues).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began, in loop time */

static double
now(void)
{
    return async_time() - start;
}

static async_value
worker(void *arg)
{
    async_queue *q = arg;

    for (int i = 0; i < 2; i++) { /* two jobs today */
        const char *job = async_queue_get(q).p;
        printf("%.2f s  took %s, the queue is %s\n", now(), job,
               async_queue_empty(q) ? "empty" : "not empty");
        async_sleep(1);
        printf("%.2f s  %s done\n", now(), job);
        async_queue_task_done(q);
    }
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(0);

    start = async_time();
    async_queue_put_nowait(q, ASYNC_PTR("wash"));
    async_queue_put_nowait(q, ASYNC_PTR("dry"));
    async_task *w = async_create_task(worker, q);
    async_queue_join(q);
    printf("%.2f s  join returns\n", now());
    async_await(w);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
