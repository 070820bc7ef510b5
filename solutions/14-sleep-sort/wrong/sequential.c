// SPDX-License-Identifier: MIT
/*
 * Exercise 14: sleep sort, the timer heap doing the work.
 *
 * The idea (lesson 07, sleeping without blocking):
 *   1. async_sleep(d) arms a timer at now + d and suspends the task.
 *   2. The loop keeps its timers in a heap ordered by deadline: whatever
 *      order they were armed in, they fire earliest first.
 *   3. Tasks that start together and sleep 0.1 s, 0.3 s and 0.2 s wake
 *      at 0.1, 0.2 and 0.3 s: the waits overlap, the longest sets the
 *      total.
 *   4. async_create_task(fn, arg) starts a task (lesson 05); async_await
 *      waits for one; async_gather_fn(fn, args, n, NULL) starts n tasks
 *      and waits for all of them.
 *
 * Your task: write sleep_sort so that it prints the n numbers in
 * ascending order, one per line, by giving each number a task that
 * sleeps v * 0.1 seconds and then prints v. For {3, 1, 2, 5, 4} the
 * program prints 1 to 5 and takes 0.50 s (never the 1.50 s of sleeping
 * one number after another). Do not sort the array yourself.
 *
 * Check it: make grade EX=14    Stuck? python3 grader/grade.py --hint 14
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

/* Why: each number waits in its own task, so the timer heap sorts them. */
static async_value
sleeper(void *arg)
{
    long x = *(const long *)arg;

    async_sleep(x * 0.1);
    printf("%ld\n", x);
    return ASYNC_NONE;
}

/* sleep_sort: prints v[0..n-1] in ascending order (0 <= v[i] <= 20).
 * Call it from a task; it returns once every number is printed. */
void
sleep_sort(const long *v, size_t n)
{
    /* Why: gather starts every task before it waits for any of them. */
    for (size_t i = 0; i < n; i++)
        async_await(async_create_task(sleeper, (void *)&v[i]));
}

static async_value
amain(void *arg)
{
    (void)arg;
    static const long v[] = {3, 1, 2, 5, 4};

    sleep_sort(v, 5);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("sorted in %.2f s\n", async_time() - start);
    return 0;
}
