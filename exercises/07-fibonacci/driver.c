// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's fibonacci() with other limits, and takes
 * only ten values of one whose limit is far away. Exercise 07.
 */
#include <limits.h>
#include <stdio.h>

#include "async.h"

void fibonacci(async_gen *g, void *arg);

/* print_first: prints at most max values of a fresh generator. */
static void
print_first(long limit, int max)
{
    async_gen *g = async_gen_new(fibonacci, &limit);
    async_value v;
    int n = 0;

    printf("below %ld:", limit);
    while (n < max && async_gen_next(g, &v)) {
        printf(" %ld", v.i);
        n++;
    }
    printf("\n");
    async_gen_close(g);
}

int
main(void)
{
    print_first(1, 100);
    print_first(2, 100);
    print_first(89, 100);
    print_first(1000, 100);
    print_first(LONG_MAX / 2, 10);
    return 0;
}
