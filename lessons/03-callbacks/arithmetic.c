// SPDX-License-Identifier: MIT
/*
 * arithmetic.c: a callback is a function handed to another function,
 * which calls it when it needs to. arithmetic() applies whatever function
 * it is given to every number of a list. Lesson 03 (callbacks).
 */
#include <stdio.h>

#include "async.h"

typedef long number_fn(long);

/* arithmetic: out[i] = callback(num[i]) for every i. It knows nothing of
 * squares or cubes; the caller decides what happens to each number. */
static void
arithmetic(const long *num, size_t n, number_fn *callback, long *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = callback(num[i]);
}

static long
square(long num)
{
    return num * num;
}

static long
cube(long num)
{
    return num * num * num;
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

    arithmetic(num, 3, square, out); /* square, not square(): the function */
    print_list(out, 3);
    arithmetic(num, 3, cube, out);
    print_list(out, 3);
    return 0;
}
