// SPDX-License-Identifier: MIT
/*
 * awaiters.c: cancelling a task also cancels whoever awaits it, all the
 * way up: 'report' awaits 'fetch', main awaits 'report'. Cancel fetch
 * and all three unwind, innermost first, each through its own cleanup
 * handler; none runs a line past its await. Lesson 17 (cancellation).
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

static double start;         /* when main began, in loop time */
static bool main_cancelled;  /* set by main's cleanup handler */

static void
say(void *arg)
{
    printf("%.2f s  %s\n", async_time() - start, (const char *)arg);
}

static async_value
fetch(void *arg)
{
    (void)arg;
    async_cleanup_push(say, "fetch: cancelled in its sleep");
    async_sleep(5);
    async_cleanup_pop(false);
    return ASYNC_INT(42);
}

static async_value
report(void *arg)
{
    async_task *f = arg;

    async_cleanup_push(say, "report: cancelled in its await");
    long v = async_await(f).i; /* f cancelled: so are we, right here */
    async_cleanup_pop(false);
    printf("report: fetch returned %ld\n", v); /* never printed */
    return ASYNC_NONE;
}

static void
main_unwinds(void *arg)
{
    say(arg);
    main_cancelled = true;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();

    async_task *f = async_create_task(fetch, NULL);
    async_task *r = async_create_task(report, f);
    async_sleep(1);
    say("main: cancel fetch");
    async_cancel(f);
    async_cleanup_push(main_unwinds, "main: cancelled in its await");
    async_await(r);
    async_cleanup_pop(false);
    say("main: report finished"); /* never printed */
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    if (main_cancelled)
        puts("the run is over: main was cancelled");
    return 0;
}
