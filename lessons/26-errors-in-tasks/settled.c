// SPDX-License-Identifier: MIT
/*
 * settled.c: gather with return_exceptions. async_gather_settled waits
 * for every task, whatever each did, and hands back each one's result or
 * error, in argument order: a failure and a cancellation are answers
 * like any other. Lesson 26.
 */
#include <stdio.h>

#include "async.h"

enum { BAD_REQUEST = 4 };

static async_value
check(void *arg)
{
    long n = (long)(size_t)arg;

    async_sleep(0.1 * (double)n);
    if (n == 2)
        async_raise(BAD_REQUEST, "host %ld: bad request", n);
    return ASYNC_INT(200);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    double start = async_time();
    async_task *t[4];
    async_value v[4];
    const async_error *e[4];

    for (long i = 0; i < 4; i++)
        t[i] = async_create_task(check, (void *)(size_t)(i + 1));
    async_cancel(t[3]); /* host 4 is not worth asking after all */
    async_gather_settled(t, 4, v, e);
    printf("%.2f s  all settled\n", async_time() - start);
    for (int i = 0; i < 4; i++) {
        if (e[i] == NULL)
            printf("host %d: status %ld\n", i + 1, v[i].i);
        else if (e[i]->code == ASYNC_CANCELLED)
            printf("host %d: cancelled\n", i + 1);
        else
            printf("host %d: error %d, %s\n", i + 1, e[i]->code,
                   e[i]->message);
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
