// SPDX-License-Identifier: MIT
/*
 * Exercise 32: a ticker.
 *
 * The idea (lesson 15, async generators):
 *   1. An async generator may never end on its own: a clock, a sensor, a
 *      feed. The consumer decides when it has had enough and leaves its
 *      async_for with break.
 *   2. After the break the body is paused at its async_yield. Only
 *      async_gen_close(g) (Python: await g.aclose()) ends it: it runs the
 *      body's cleanup handlers, never the rest of its code.
 *   3. Between two yields the body may await (async_sleep): the consumer's
 *      task waits meanwhile, and the loop runs others.
 *   4. A cleanup handler is Python's finally:
 *          async_cleanup_push(fn, arg);   ...   async_cleanup_pop(true);
 *
 * Your task: write ticker, an async generator that yields 1, 2, 3, ...
 * for ever, one tick every tk->interval seconds (the first one interval
 * after it starts), with ticker_stopped as its cleanup handler. Then
 * finish watch: print the first n ticks with their times, and stop the
 * ticker at once. Here the clock ticks every 0.5 s: ticks at 0.50, 1.00
 * and 1.50 s, then "ticker stopped at tick 3", "still running? no".
 *
 * Check it: make grade EX=32    Stuck? python3 grader/grade.py --hint 32
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

struct ticker {
    double interval; /* seconds between two ticks */
    long ticks;      /* ticks handed out so far */
    bool running;    /* started and not stopped yet */
};

/* ticker_stopped: the ticker's cleanup handler; arg is the struct ticker. */
void
ticker_stopped(void *arg)
{
    struct ticker *tk = arg;

    tk->running = false;
    printf("ticker stopped at tick %ld\n", tk->ticks);
}

/* ticker: an async generator (arg: a struct ticker *) yielding 1, 2, 3...
 * one every tk->interval seconds, for ever. Use it inside a task. */
void
ticker(async_gen *g, void *arg)
{
    struct ticker *tk = arg;

    tk->running = true;
    /* TODO: register ticker_stopped(tk) as the cleanup handler; then, for
     * ever: wait tk->interval seconds (without blocking), count the tick
     * in tk->ticks and yield its number. */
    (void)g;
    TODO("register the cleanup handler, then tick for ever");
}

/* watch: prints the first n ticks (n >= 1) of the ticker tk with the time
 * since watch began, then stops it. A coroutine function: call it from a
 * task. */
void
watch(struct ticker *tk, long n)
{
    double start = async_time();
    async_gen *g = async_gen_new(ticker, tk);

    /* TODO: take the ticks with async_for, printing
     * "tick N at T s" (T since start, two decimals) for each; leave the
     * loop after the n-th, then stop the ticker now. */
    (void)start, (void)g, (void)n;
    TODO("print the first n ticks, then close the generator");
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct ticker clock = {0.5, 0, false};

    watch(&clock, 3);
    printf("still running? %s\n", clock.running ? "yes" : "no");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
