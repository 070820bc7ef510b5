// SPDX-License-Identifier: MIT
/*
 * driver.c: calls the student's arithmetic() with callbacks of its own,
 * counting the calls, and their square() and cube() on other numbers.
 * Exercise 05.
 */
#include <stdio.h>

#include "async.h"

void arithmetic(const long *num, size_t n, long (*callback)(long),
                long *out);
long square(long num);
long cube(long num);

static int calls; /* how many times a callback of ours ran */

static long
negate(long x)
{
    calls++;
    return -x;
}

static long
plus_one(long x)
{
    calls++;
    return x + 1;
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
    const long num[] = {-3, 0, 7, 10}, more[] = {-2, 11};
    long out[4];

    arithmetic(num, 4, negate, out);
    print_list(out, 4);
    arithmetic(num, 4, plus_one, out);
    print_list(out, 4);
    arithmetic(more, 2, square, out);
    print_list(out, 2);
    arithmetic(more, 2, cube, out);
    print_list(out, 2);
    printf("calls: %d\n", calls);
    return 0;
}
