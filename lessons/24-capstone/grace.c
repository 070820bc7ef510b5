// SPDX-License-Identifier: MIT
/*
 * grace.c: pipeline.c's graceful shutdown with a grace period: the
 * queue gets 0.4 s to drain (async_timeout around the join), and what is
 * not done by then is cut off. Lesson 24 (capstone).
 */
#include <stdio.h>

#include "async.h"

struct worker {
    int id;       /* 1, 2 */
    long current; /* the order in hand, 0 when idle */
};

static async_queue *orders;
static long done; /* orders finished */

/* Times are printed from the start of main_task, so a real run prints
 * the same numbers as the virtual clock does (its clock starts at 0). */
static double start;

static void
feed_closed(void *arg)
{
    printf("%.2f s  feed: closed after %ld orders\n", async_time() - start,
           *(long *)arg);
}

/* feed: an order arrives every 0.2 s, for ever; stopped by cancelling. */
static async_value
feed(void *arg)
{
    long *taken = arg;

    async_cleanup_push(feed_closed, taken);
    for (;;) {
        async_sleep(0.2);
        async_queue_put(orders, ASYNC_INT(++*taken));
        printf("%.2f s  feed: order %ld queued\n", async_time() - start,
               *taken);
    }
    async_cleanup_pop(true); /* NOTREACHED */
    return ASYNC_NONE;
}

static void
disconnect(void *arg)
{
    struct worker *w = arg;
    if (w->current == 0)
        printf("%.2f s  worker %d: disconnected, idle\n", async_time() - start,
               w->id);
    else
        printf("%.2f s  worker %d: disconnected in the middle of order "
               "%ld\n",
               async_time() - start, w->id, w->current);
}

/* worker: takes orders from the queue, 0.5 s each, for ever. */
static async_value
worker(void *arg)
{
    struct worker *w = arg;

    async_cleanup_push(disconnect, w);
    for (;;) {
        w->current = async_queue_get(orders).i;
        async_sleep(0.5);
        printf("%.2f s  worker %d: order %ld done\n", async_time() - start,
               w->id, w->current);
        w->current = 0;
        done++;
        async_queue_task_done(orders);
    }
    async_cleanup_pop(true); /* NOTREACHED */
    return ASYNC_NONE;
}

/* stop: cancel t and wait until it has unwound, without being cancelled
 * ourselves (lesson 17: awaiting a cancelled task would cancel us). */
static void
stop(async_task **t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        async_cancel(t[i]);
    async_gather_settled(t, n, NULL, NULL); /* however each ended */
}

/* drain: the body of the grace period. */
static async_value
drain(void *arg)
{
    (void)arg;
    async_queue_join(orders);
    return ASYNC_NONE;
}

static async_value
service(async_task_group *tg, void *arg)
{
    start = async_time();
    (void)arg;
    struct worker w[2] = {{1, 0}, {2, 0}};
    long taken = 0;

    orders = async_queue_new(2);
    async_task *feeder = async_task_group_create_task(tg, feed, &taken);
    async_task *workers[2];
    for (int i = 0; i < 2; i++)
        workers[i] = async_task_group_create_task(tg, worker, &w[i]);

    async_sleep(1.1); /* stands in for a stop request (a signal, a command) */
    printf("%.2f s  main: stop requested\n", async_time() - start);
    stop(&feeder, 1);
    if (!async_timeout(0.4, drain, NULL, NULL))
        printf("%.2f s  main: grace period over, %ld of %ld orders done\n",
               async_time() - start, done, taken);
    stop(workers, 2);
    printf("%.2f s  main: %ld orders taken, %ld done, %zu left in the "
           "queue\n",
           async_time() - start, taken, done, async_queue_size(orders));
    return ASYNC_NONE;
}

/* main: the service runs as a task group (asyncio.TaskGroup): nothing
 * it starts can outlive it, and a task that fails stops all of it. */
static async_value
main_task(void *arg)
{
    async_task_group_run(service, arg, NULL, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
