// SPDX-License-Identifier: MIT
/*
 * shutdown.c: stopping background tasks that would run for ever. main
 * cancels its two, then waits until both have unwound (their cleanup
 * handlers flush and close) before it returns. A third task that main
 * forgot is cancelled by async_run after main returns: its handler runs
 * too, but last, with the loop closing. Lesson 17 (cancellation).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began, in loop time */

struct service {
    const char *name; /* for messages */
    double every;     /* seconds between two rounds of work */
    int rounds;       /* rounds done */
};

static void
stopped(void *arg)
{
    struct service *s = arg;
    printf("%.2f s  %s: stopped after %d rounds, cleaned up\n",
           async_time() - start, s->name, s->rounds);
}

/* Works one round every s->every seconds, for ever. */
static async_value
service(void *arg)
{
    struct service *s = arg;

    async_cleanup_push(stopped, s);
    for (;;) {
        async_sleep(s->every);
        s->rounds++;
    }
    async_cleanup_pop(true); /* NOTREACHED: it ends only when cancelled */
    return ASYNC_NONE;
}

/* Waits until every task of ts has ended, however it ended: unlike
 * async_await, a task that ends cancelled does not cancel the waiter. */
static void
wait_all(async_task **ts, size_t n)
{
    async_as_completed *it = async_as_completed_new(ts, n);
    while (async_as_completed_next(it) != NULL)
        ;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    static struct service heartbeat = {"heartbeat", 1.0, 0};
    static struct service flusher = {"flusher", 1.5, 0};
    static struct service logger = {"logger", 0.75, 0};
    start = async_time();

    async_task *ts[] = {
        async_create_task_named(service, &heartbeat, "heartbeat"),
        async_create_task_named(service, &flusher, "flusher"),
    };
    async_create_task_named(service, &logger, "logger"); /* forgotten */
    async_sleep(3.5);
    printf("%.2f s  main: shutting down\n", async_time() - start);
    for (size_t i = 0; i < 2; i++)
        async_cancel(ts[i]);
    wait_all(ts, 2);
    printf("%.2f s  main: both stopped, returning\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    puts("async_run returned");
    return 0;
}
