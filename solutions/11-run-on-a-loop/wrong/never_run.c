// SPDX-License-Identifier: MIT
/*
 * Exercise 11: run a coroutine on a loop of your own.
 *
 * The idea (lesson 06, the event loop):
 *   1. async_loop_new() makes an event loop; nothing runs on it yet.
 *   2. async_loop_create_task(loop, fn, arg) wraps fn(arg) in a task and
 *      queues its first step on that loop. It does not run it.
 *   3. async_loop_run_until_complete(loop, t) runs the loop until t is
 *      done and returns t's result (an async_value: read .i here).
 *   4. async_loop_close(loop) frees the loop and every task on it, so
 *      read what you need before closing.
 *   5. A coroutine that sleeps must run inside a task: calling fn(arg)
 *      straight from main stops with "called outside a task".
 *
 * Your task: write run_on_new_loop so that this program prints
 *     42
 *     15
 *     elapsed 0.75 s
 * (triple(14) takes 0.5 s, plus_one(14) 0.25 s, each on a fresh loop).
 *
 * Check it: make grade EX=11    Stuck? python3 grader/grade.py --hint 11
 */
#include <stdio.h>

#include "async.h"

/* run_on_new_loop: runs fn(arg) as a task on a new loop, closes the loop
 * and returns the task's integer result. */
long
run_on_new_loop(async_fn *fn, void *arg)
{
    /* Why: creating the task only queues it; the loop runs in between. */
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, fn, arg);
    long r = async_result(t).i;
    async_loop_close(loop);
    return r;
}

static async_value
triple(void *arg)
{
    async_sleep(0.5);
    return ASYNC_INT(3 * *(long *)arg);
}

static async_value
plus_one(void *arg)
{
    async_sleep(0.25);
    return ASYNC_INT(*(long *)arg + 1);
}

int
main(void)
{
    long x = 14;
    double start = async_time();

    printf("%ld\n", run_on_new_loop(triple, &x));
    printf("%ld\n", run_on_new_loop(plus_one, &x));
    printf("elapsed %.2f s\n", async_time() - start);
    return 0;
}
