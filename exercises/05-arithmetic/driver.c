// SPDX-License-Identifier: MIT
/*
 * driver.c: calls the student's arithmetic() with callbacks of its own,
 * counting the calls, and their square() and cube() on other numbers.
 * Given a seed (the grader draws one each time it grades), the numbers
 * are drawn from it, so no printed answer can be known in advance; with
 * none, they are those of check.toml. Exercise 05.
 */
#include <stdio.h>
#include <stdlib.h>

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

/* draw: a number in [lo, hi], from a small generator the seed starts. */
static unsigned long long state;

static long
draw(long lo, long hi)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (long)((state >> 33) % (unsigned long long)(hi - lo + 1));
}

int
main(int argc, char **argv)
{
    long num[] = {-3, 0, 7, 10}, more[] = {-2, 11};
    long out[4];

    if (argc > 1) {
        state = strtoull(argv[1], NULL, 10);
        for (int i = 0; i < 4; i++)
            num[i] = draw(-99, 99);
        more[0] = draw(-40, -2);
        more[1] = draw(2, 40);
    }

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
