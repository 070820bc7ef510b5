// SPDX-License-Identifier: MIT
/*
 * retry.c: two timeouts, two questions. async_wait_for bounds one
 * attempt ("this server is not answering, try again"); async_timeout
 * bounds the whole job ("the user will not wait longer than this"). The
 * first two attempts hang and are given up after 0.5 s each; the third
 * answers in 0.2 s, in time for a 1.5 s deadline but not for a 1.1 s
 * one, which cancels the attempt under way. Lesson 18 (timeouts).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when this fetch began, in loop time */

struct attempt {
    int n;        /* 1, 2, 3 */
    double takes; /* how long the server takes to answer it */
};

/* The server hangs twice, then answers quickly. */
static struct attempt attempts[] = {{1, 0.9}, {2, 0.9}, {3, 0.2}};

static double
now(void)
{
    return async_time() - start;
}

static void
abandon(void *arg)
{
    struct attempt *a = arg;
    printf("%.2f s  attempt %d abandoned\n", now(), a->n);
}

static async_value
attempt(void *arg)
{
    struct attempt *a = arg;

    async_cleanup_push(abandon, a);
    async_sleep(a->takes);
    async_cleanup_pop(false);
    return ASYNC_INT(100 + a->n);
}

/* The body: up to three attempts, each given 0.5 s. */
static async_value
fetch(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        async_task *t = async_create_task(attempt, &attempts[i]);
        async_value v;
        if (async_wait_for(t, 0.5, &v))
            return v;
    }
    return ASYNC_INT(-1);
}

static void
fetch_within(double deadline)
{
    async_value v;

    start = async_time();
    printf("fetch within %.1f s:\n", deadline);
    if (async_timeout(deadline, fetch, NULL, &v))
        printf("%.2f s  got %ld\n", now(), v.i);
    else
        printf("%.2f s  gave up: the deadline passed\n", now());
}

static async_value
main_task(void *arg)
{
    (void)arg;
    fetch_within(1.5);
    fetch_within(1.1);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
