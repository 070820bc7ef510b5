// SPDX-License-Identifier: MIT
/*
 * Exercise 07: a generator of Fibonacci numbers.
 *
 * The idea (lesson 04, generators):
 *   1. A generator body runs only when a value is asked for, up to its
 *      next async_yield, and pauses there.
 *   2. Its local variables survive the pause: the next request resumes it
 *      on the line after the yield, with everything as it was.
 *   3. When the body returns, the generator is finished: async_gen_next
 *      returns false and async_for stops.
 *   4. A consumer may stop asking early; the numbers it never asked for
 *      are never computed.
 *
 * Your task: write the body fibonacci() so that it yields the Fibonacci
 * numbers 0, 1, 1, 2, 3, 5, 8, ... that are below *(long *)arg, one per
 * yield, and then returns. This program then prints
 *     0 1 1 2 3 5 8 13 21 34 55 89
 * The grader also runs your generator with other limits, and takes only
 * the first few values of a very long one.
 *
 * Check it: make grade EX=07    Stuck? python3 grader/grade.py --hint 07
 */
#include <stdio.h>

#include "async.h"

/* fibonacci: yields (as .i) every Fibonacci number below the limit that
 * arg points to, smallest first, starting 0, 1, 1, 2. */
void
fibonacci(async_gen *g, void *arg)
{
    long limit = *(long *)arg;

    /* TODO: keep two numbers; yield the smaller while it is below limit. */
    (void)g;
    (void)limit;
    TODO("yield each Fibonacci number below limit with async_yield");
}

int
main(void)
{
    long limit = 100;
    async_gen *g = async_gen_new(fibonacci, &limit);
    const char *sep = "";

    async_for (v, g) {
        printf("%s%ld", sep, v.i);
        sep = " ";
    }
    printf("\n");
    async_gen_close(g);
    return 0;
}
