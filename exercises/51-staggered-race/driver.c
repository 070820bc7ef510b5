// SPDX-License-Identifier: MIT
/*
 * driver.c: three other races: a first server that answers at once,
 * servers that all fail, and two slow ones overtaken by a third.
 * Exercise 51.
 */
#include <stdio.h>

#include "async.h"

struct server {
    const char *name;
    double takes;
    long answer;
};

long resolve(struct server *servers, size_t n, double delay);

static async_value
amain(void *arg)
{
    (void)arg;
    struct server quick[] = {{"a", 0.10, 7}, {"b", 0.10, 8}};
    struct server failing[] = {{"x", 0.1, -1}, {"y", 0.5, -1}, {"z", 0.1, -1}};
    struct server slow[] = {{"p", 1.0, 1}, {"q", 1.0, 2}, {"r", 0.1, 3}};

    /* resolve first, then the time: the order in which a call's
     * arguments are evaluated is the compiler's to choose. */
    long got = resolve(quick, 2, 0.3);
    printf("%.2f s  resolved to %ld\n", async_time(), got);
    got = resolve(failing, 3, 0.2);
    printf("%.2f s  resolved to %ld\n", async_time(), got);
    got = resolve(slow, 3, 0.2);
    printf("%.2f s  resolved to %ld\n", async_time(), got);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
