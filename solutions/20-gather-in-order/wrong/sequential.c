// SPDX-License-Identifier: MIT
/*
 * Exercise 20: gather, results in argument order.
 *
 * The idea (lesson 10, gather):
 *   1. async_gather_fn(fn, args, n, results) starts one task per
 *      argument, in argument order, and waits until all are done.
 *   2. results[i] is what fn(args[i]) returned: argument order, whatever
 *      order the tasks finished in.
 *   3. The tasks run side by side: the gather takes as long as the
 *      slowest of them, not the sum.
 *   4. async_gather(tasks, n, results) does the same for tasks you
 *      created yourself.
 *
 * Your task: write measure_all so that lengths[i] is the length of
 * words[i], measured by the given measure() for all words at once. The
 * program prints the "measured" lines as each task finishes (fig, kiwi,
 * banana, cherry), then "lengths: 6 3 6 4" and "in 0.30 s".
 *
 * Check it: make grade EX=20    Stuck? python3 grader/grade.py --hint 20
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "async.h"

/* measure: a slow way to count a word's letters (0.05 s per letter). */
static async_value
measure(void *arg)
{
    const char *word = arg;
    size_t n = strlen(word);

    async_sleep(0.05 * (double)n);
    printf("measured %s\n", word);
    return ASYNC_INT((long)n);
}

/* measure_all: lengths[i] = the length of words[i], for i < n <= 16, all
 * measured concurrently. Call it from a task. */
void
measure_all(const char **words, size_t n, long *lengths)
{
    /* Why: gather hands back results in argument order, not finish order. */
    for (size_t i = 0; i < n; i++)
        lengths[i] = measure((void *)words[i]).i;
}

static async_value
amain(void *arg)
{
    (void)arg;
    const char *words[] = {"banana", "fig", "cherry", "kiwi"};
    long lengths[4];
    double start = async_time();

    measure_all(words, 4, lengths);
    printf("lengths: %ld %ld %ld %ld\n", lengths[0], lengths[1], lengths[2],
           lengths[3]);
    printf("in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
