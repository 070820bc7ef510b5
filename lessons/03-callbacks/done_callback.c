// SPDX-License-Identifier: MIT
/*
 * done_callback.c: a callback attached to a task, called when the task
 * finishes. Callbacks run in the order they were added, and a task that
 * awaits is woken by one of them, so the callback added first speaks
 * first. Lesson 03 (callbacks).
 */
#include <stdio.h>

#include "async.h"

static async_value
brew(void *arg)
{
    (void)arg;
    printf("brew: the kettle is on\n");
    async_sleep(2);
    printf("brew: done\n");
    return ASYNC_INT(4);
}

/* Called by the loop once brew has finished, with its future. */
static void
announce(async_future *f, void *arg)
{
    printf("%s: %ld cups are ready\n", (const char *)arg,
           async_future_result(f).i);
}

static async_value
morning(void *arg)
{
    double start = async_time();
    async_task *t = async_create_task(brew, NULL);

    (void)arg;

    async_future_add_done_callback(async_task_future(t), announce,
                                   "callback");
    printf("main: waiting for the coffee\n");
    long cups = async_await(t).i;
    printf("main: got %ld cups at %.0f s\n", cups, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(morning, NULL);
    return 0;
}
