// SPDX-License-Identifier: MIT
/*
 * wait_for.c: a deadline on one slow operation. A request that answers
 * in time gives its result; one that does not is cancelled when the time
 * is up, its cleanup handler runs, and only then does async_wait_for
 * return false. Lesson 18 (timeouts).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began, in loop time */

struct request {
    const char *what; /* what is asked for */
    double takes;     /* how long the service needs to answer */
    long answer;      /* what it answers */
};

static double
now(void)
{
    return async_time() - start;
}

static void
abandon(void *arg)
{
    struct request *r = arg;
    printf("%.2f s  %s: request abandoned, connection closed\n", now(),
           r->what);
}

/* Asks a remote service; it answers after r->takes seconds. */
static async_value
ask(void *arg)
{
    struct request *r = arg;

    async_cleanup_push(abandon, r);
    async_sleep(r->takes);
    async_cleanup_pop(false);
    printf("%.2f s  %s: answered\n", now(), r->what);
    return ASYNC_INT(r->answer);
}

/* Asks, but waits no longer than timeout seconds for the answer. */
static void
ask_within(struct request *r, double timeout)
{
    async_task *t = async_create_task(ask, r);
    async_value v;

    if (async_wait_for(t, timeout, &v))
        printf("%.2f s  main: %s is %ld\n", now(), r->what, v.i);
    else
        printf("%.2f s  main: no %s within %.1f s (cancelled: %s)\n", now(),
               r->what, timeout, async_task_cancelled(t) ? "yes" : "no");
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct request weather = {"weather", 0.3, 21};
    struct request stocks = {"stocks", 5.0, 99};
    start = async_time();

    ask_within(&weather, 1.0);
    ask_within(&stocks, 1.0);
    printf("%.2f s  main: done\n", now());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
