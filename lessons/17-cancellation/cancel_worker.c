// SPDX-License-Identifier: MIT
/*
 * cancel_worker.c: a task is cancelled where it waits. Two downloads hold
 * a file open through a cleanup handler: the one that finishes closes it
 * with async_cleanup_pop(true); the one cancelled in its third wait has
 * the same handler run by the cancellation, and never prints the lines
 * after that wait. Lesson 17 (cancellation).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began, in loop time */

struct download {
    const char *name; /* what it fetches */
    int chunks;       /* how many chunks it has */
    int received;     /* how many arrived so far */
};

static double
now(void)
{
    return async_time() - start;
}

static void
close_file(void *arg)
{
    struct download *d = arg;
    printf("%.2f s  %s: file closed after %d of %d chunks\n", now(),
           d->name, d->received, d->chunks);
}

/* Opens a file, then receives one chunk a second into it. */
static async_value
download(void *arg)
{
    struct download *d = arg;

    printf("%.2f s  %s: file opened\n", now(), d->name);
    async_cleanup_push(close_file, d); /* Python: try: ... finally: */
    while (d->received < d->chunks) {
        async_sleep(1); /* where a cancellation finds it */
        d->received++;
        printf("%.2f s  %s: chunk %d\n", now(), d->name, d->received);
    }
    async_cleanup_pop(true); /* the normal end runs the handler too */
    return ASYNC_INT(d->received);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct download small = {"small", 2, 0}, large = {"large", 5, 0};
    start = async_time();

    async_task *ts = async_create_task_named(download, &small, "small");
    async_task *tl = async_create_task_named(download, &large, "large");
    async_sleep(2.5);
    printf("%.2f s  main: cancel small: %s\n", now(),
           async_cancel(ts) ? "true" : "false (it is done)");
    printf("%.2f s  main: cancel large: %s\n", now(),
           async_cancel(tl) ? "true" : "false (it is done)");
    async_sleep(0); /* one turn of the loop: large unwinds in it */
    printf("%.2f s  main: small returned %ld; large cancelled? %s\n",
           now(), async_result(ts).i,
           async_task_cancelled(tl) ? "yes" : "no");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
