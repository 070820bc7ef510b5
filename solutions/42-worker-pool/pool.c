// SPDX-License-Identifier: MIT
/*
 * Exercise 42: a worker pool.
 *
 * The idea (lesson 20, queues):
 *   1. Several workers share one queue of jobs: each takes the next job
 *      (async_queue_get) as soon as it is free, so short and long jobs
 *      even out.
 *   2. Each job a worker finishes, it marks with async_queue_task_done;
 *      async_queue_join(q) waits until every job put is done, not merely
 *      taken.
 *   3. Then the workers wait in get for jobs that never come: stop them
 *      with async_cancel. Each one's cleanup handler runs as it stops.
 *   4. Wait until they have stopped without awaiting them (awaiting a
 *      cancelled task cancels the awaiter, lesson 17):
 *          async_as_completed *it = async_as_completed_new(tasks, n);
 *          while (async_as_completed_next(it) != NULL)
 *              ;
 *
 * Your task: make the thumbnails of seven photos with three workers: the
 * workers take photos from the queue, main waits until all are done,
 * then stops the workers, so that every "stops" line comes before "pool
 * closed".
 *
 * Check it: make grade EX=42    Stuck? python3 grader/grade.py --hint 42
 */
#include <stdio.h>

#include "async.h"

#define MAX_WORKERS 8

struct photo {
    const char *name; /* the photo */
    double seconds;   /* how long its thumbnail takes */
};

struct worker {
    int number;       /* 1, 2, ... */
    async_queue *q;   /* the photos to do (struct photo pointers) */
    int made;         /* thumbnails made so far */
};

/* make_thumbnail: worker w makes photo p's thumbnail. A coroutine
 * function. */
void
make_thumbnail(struct worker *w, const struct photo *p)
{
    async_sleep(p->seconds);
    w->made++;
    printf("%.2f s  worker %d: %s done\n", async_time(), w->number, p->name);
}

/* worker_stops: a worker's cleanup handler; arg is its struct worker. */
void
worker_stops(void *arg)
{
    struct worker *w = arg;

    printf("%.2f s  worker %d stops, %d made\n", async_time(),
           w->number, w->made);
}

/* worker: makes thumbnails until it is cancelled. A task; arg is its
 * struct worker. */
async_value
worker(void *arg)
{
    struct worker *w = arg;

    async_cleanup_push(worker_stops, w);
    for (;;) {
        const struct photo *p = async_queue_get(w->q).p;
        make_thumbnail(w, p);
        /* Why: join counts task_done calls, not photos taken. */
        async_queue_task_done(w->q);
    }
    return ASYNC_NONE; /* NOTREACHED: a worker ends by cancellation */
}

/* run_pool: makes the n photos' thumbnails with nworkers workers (at
 * most MAX_WORKERS). A coroutine function. */
void
run_pool(const struct photo *photos, size_t n, size_t nworkers)
{
    struct worker w[MAX_WORKERS];
    async_task *tasks[MAX_WORKERS];
    async_queue *q = async_queue_new(0);

    for (size_t i = 0; i < nworkers; i++)
        w[i] = (struct worker){.number = (int)i + 1, .q = q};
    for (size_t i = 0; i < nworkers; i++)
        tasks[i] = async_create_task(worker, &w[i]);
    for (size_t i = 0; i < n; i++) /* Why: unbounded, so it never waits */
        async_queue_put_nowait(q, ASYNC_PTR((void *)&photos[i]));

    /* Why: an empty queue is not enough: the last photos are still in
     * the works. */
    async_queue_join(q);
    printf("%.2f s  all %zu photos done\n", async_time(), n);

    for (size_t i = 0; i < nworkers; i++)
        async_cancel(tasks[i]);
    /* Why: not gather: awaiting a cancelled task cancels us too. */
    async_as_completed *it = async_as_completed_new(tasks, nworkers);
    while (async_as_completed_next(it) != NULL)
        ;
    printf("%.2f s  pool closed\n", async_time());
}

static async_value
amain(void *arg)
{
    (void)arg;
    const struct photo photos[] = {
        {"beach", 0.4}, {"cat", 0.1}, {"dog", 0.2}, {"eagle", 0.3},
        {"fern", 0.1}, {"goat", 0.2}, {"hill", 0.1},
    };

    run_pool(photos, 7, 3);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
