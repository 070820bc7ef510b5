// SPDX-License-Identifier: MIT
/*
 * worker_pool.c: three workers share one queue of jobs. Each takes the
 * next job as soon as it is free and marks it done with task_done; join
 * returns once every job is done. The workers then wait in get forever,
 * so main cancels them, and each one's cleanup handler says it stopped.
 * Lesson 20 (queues).
 */
#include <stdio.h>

#include "async.h"

#define NJOBS 6
#define NWORKERS 3

static const long length[NJOBS + 1] = {0, 3, 1, 2, 1, 1, 2}; /* job: s */
static async_queue *q;                                     /* job numbers */

static double start; /* when main began, in loop time */

static double
now(void)
{
    return async_time() - start;
}

static void
stops(void *arg)
{
    printf("%.2f s  worker %ld stops\n", now(), *(long *)arg);
}

static async_value
worker(void *arg)
{
    long n = *(long *)arg;

    /* A worker never returns: it ends when it is cancelled, and then
     * its cleanup handler runs. */
    async_cleanup_push(stops, arg);
    for (;;) {
        long job = async_queue_get(q).i;
        async_sleep(length[job]);
        printf("%.2f s  worker %ld finished job %ld (%ld s)\n", now(),
               n, job, length[job]);
        async_queue_task_done(q);
    }
    return ASYNC_NONE; /* NOTREACHED */
}

static async_value
main_task(void *arg)
{
    (void)arg;
    long n[NWORKERS] = {1, 2, 3}, work = 0;
    async_task *workers[NWORKERS];

    start = async_time();
    q = async_queue_new(0);
    for (int i = 0; i < NWORKERS; i++)
        workers[i] = async_create_task(worker, &n[i]);
    for (long job = 1; job <= NJOBS; job++) {
        async_queue_put_nowait(q, ASYNC_INT(job));
        work += length[job];
    }
    async_queue_join(q); /* every job got its task_done */
    printf("%.2f s  all %d jobs done (%ld s of work)\n", now(), NJOBS,
           work);

    for (int i = 0; i < NWORKERS; i++) /* they wait in get forever */
        async_cancel(workers[i]);
    /* Wait until each has unwound. Not async_gather: awaiting a cancelled
     * task cancels the awaiter too. */
    async_as_completed *it = async_as_completed_new(workers, NWORKERS);
    while (async_as_completed_next(it) != NULL)
        ;
    printf("%.2f s  pool closed\n", now());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
