// SPDX-License-Identifier: MIT
/*
 * Exercise 06: a countdown run by the loop.
 *
 * The idea (lesson 03, callbacks):
 *   1. async_call_later(delay, cb, arg) hands cb(arg) to the current loop,
 *      to be called `delay` seconds from now. It returns at once: nothing
 *      is printed and no time passes when you schedule.
 *   2. Callbacks run only once the loop runs (async_loop_run_forever),
 *      in the order of their deadlines.
 *   3. run_forever returns after a callback calls async_loop_stop(loop).
 *   4. C callbacks get one void *: pass each its own number, one array
 *      element each, so that they do not all share one variable.
 *
 * Your task: write countdown() so that it only schedules callbacks, and
 * the loop then prints the count one step apart, then "liftoff", and
 * stops. With from = 3 and step = 1.0 this program prints
 *     countdown scheduled
 *     0.00 s: 3
 *     1.00 s: 2
 *     2.00 s: 1
 *     3.00 s: liftoff
 *     run_forever returned
 * and takes 3.00 s. The grader also runs other countdowns.
 *
 * Check it: make grade EX=06    Stuck? python3 grader/grade.py --hint 06
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

#define MAX_FROM 100

static double start;           /* when countdown() was called */
static int numbers[MAX_FROM];  /* one number per say() callback */

/* say: prints the number its argument points to. */
static void
say(void *arg)
{
    printf("%.2f s: %d\n", async_time() - start, *(int *)arg);
}

/* liftoff: prints "liftoff" and stops the loop it is given. */
static void
liftoff(void *loop)
{
    printf("%.2f s: liftoff\n", async_time() - start);
    async_loop_stop(loop);
}

/* countdown: schedules say() for from, from-1, ..., 1 at 0, step, 2 step,
 * ... seconds from now, and liftoff() at from * step. Prints nothing and
 * returns at once; 1 <= from <= MAX_FROM. */
void
countdown(async_loop *loop, int from, double step)
{
    start = async_time();
    for (int k = 0; k < from; k++) {
        numbers[k] = from - k;
        say(&numbers[k]);
        usleep((useconds_t)(step * 1e6));
    }
    async_call_soon(liftoff, loop);
}

int
main(void)
{
    async_loop *loop = async_loop_new();

    countdown(loop, 3, 1.0);
    printf("countdown scheduled\n");
    async_loop_run_forever(loop);
    printf("run_forever returned\n");
    async_loop_close(loop);
    return 0;
}
