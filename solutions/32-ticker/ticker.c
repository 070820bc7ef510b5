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
    /* Why: it never ends on its own, so a close is its only way out. */
    async_cleanup_push(ticker_stopped, tk);
    for (;;) {
        async_sleep(tk->interval); /* Why: each tick one interval late */
        async_yield(g, ASYNC_INT(++tk->ticks));
    }
    async_cleanup_pop(true); /* NOTREACHED; pairs with the push */
}

/* watch: prints the first n ticks (n >= 1) of the ticker tk with the time
 * since watch began, then stops it. A coroutine function: call it from a
 * task. */
void
watch(struct ticker *tk, long n)
{
    double start = async_time();
    async_gen *g = async_gen_new(ticker, tk);

    async_for (v, g) {
        printf("tick %ld at %.2f s\n", v.i, async_time() - start);
        if (v.i == n)
            break;
    }
    /* Why: after the break the ticker is paused, not stopped. */
    async_gen_close(g);
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
