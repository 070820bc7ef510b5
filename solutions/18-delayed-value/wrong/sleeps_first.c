// SPDX-License-Identifier: MIT
/*
 * Exercise 18: a future that a timer fills.
 *
 * The idea (lesson 09, futures):
 *   1. async_future_new() makes an empty placeholder; async_await(f)
 *      suspends the caller until someone sets it.
 *   2. async_future_set_result(f, v) fills it once, and wakes whoever
 *      awaits it (on the next loop iteration).
 *   3. async_call_later(seconds, cb, arg) asks the loop to call cb(arg)
 *      later (lesson 03): no task needs to wait for that.
 *   4. So a function can hand back a future at once and fill it later:
 *      the caller decides when, and whether, to wait.
 *
 * Your task: write delayed_value(seconds, value). It must return at once
 * a future that is not done yet and becomes done with value after
 * `seconds`. The program then prints
 *     done at first: False False
 *     got 1 at 0.10 s
 *     got 3 at 0.30 s
 *
 * Check it: make grade EX=18    Stuck? python3 grader/grade.py --hint 18
 */
#include <stdio.h>
#include <stdlib.h>

#include "async.h"

/* What the timer's callback needs: the future to fill and its value. */
struct delayed {
    async_future *f;
    long value;
};

/* fill: the callback the loop calls when the delay is over. */
static void
fill(void *arg)
{
    /* Why: setting the result wakes the awaiting task; d is done with. */
    struct delayed *d = arg;

    async_future_set_result(d->f, ASYNC_INT(d->value));
    free(d);
}

/* delayed_value: returns a pending future that gets value after seconds.
 * Never suspends. */
async_future *
delayed_value(double seconds, long value)
{
    /* Why: the loop calls fill later; we return the empty future now. */
    struct delayed *d = malloc(sizeof *d);

    if (d == NULL)
        abort();
    d->f = async_future_new();
    d->value = value;
    async_sleep(seconds);
    async_future *f = d->f;
    fill(d);
    return f;
}

/* When main started: the times printed are measured from here. */
static double start;

static async_value
amain(void *arg)
{
    (void)arg;
    start = async_time();
    async_future *three = delayed_value(0.3, 3);
    async_future *one = delayed_value(0.1, 1);

    printf("done at first: %s %s\n", async_done(three) ? "True" : "False",
           async_done(one) ? "True" : "False");
    long v = async_await(one).i;
    printf("got %ld at %.2f s\n", v, async_time() - start);
    v = async_await(three).i;
    printf("got %ld at %.2f s\n", v, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
