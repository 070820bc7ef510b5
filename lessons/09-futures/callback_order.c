// SPDX-License-Identifier: MIT
/*
 * callback_order.c: a future's done-callbacks run in the order they were
 * added, and a task awaiting the future is one of them: here it was added
 * second, so it resumes between the two plain callbacks.
 * Lesson 09 (futures).
 */
#include <stdio.h>

#include "async.h"

static void
report(async_future *f, void *arg)
{
    printf("callback %s sees %ld\n", (char *)arg, async_result(f).i);
}

static async_value
waiter(void *arg)
{
    long v = async_await((async_future *)arg).i;

    printf("waiter resumes with %ld\n", v);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_future *f = async_future_new();

    async_future_add_done_callback(f, report, "first");
    async_task *w = async_create_task(waiter, f);
    async_sleep(0); /* let the waiter start: it adds itself to f's list */
    async_future_add_done_callback(f, report, "third");

    async_future_set_result(f, ASYNC_INT(7));
    printf("set_result returned; nothing has run yet\n");
    async_await(w);
    printf("main resumes\n");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
