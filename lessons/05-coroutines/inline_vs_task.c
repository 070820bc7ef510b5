// SPDX-License-Identifier: MIT
/*
 * inline_vs_task.c: two ways to run the same coroutine function. Called
 * directly, it runs at once, inside the caller's task (that is `await
 * step()`). Made into a task, it only waits in the ready queue until the
 * creator lets the loop run. Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
step(void *arg)
{
    (void)arg;
    printf("  step: runs\n");
    return ASYNC_INT(1);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    printf("main: calls step()\n");
    long r = step(NULL).i; /* await step(): runs now, right here */
    printf("main: step() returned %ld\n", r);

    printf("main: creates a task for step\n");
    async_task *t = async_create_task(step, NULL); /* queued, not run */
    printf("main: task created; done? %s\n", async_done(t) ? "yes" : "no");
    printf("main: awaits the task\n");
    r = async_await(t).i; /* main suspends, the loop runs the task */
    printf("main: the task returned %ld\n", r);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
