// SPDX-License-Identifier: MIT
/*
 * driver.c: other files through the student's fetch_all: one whose parts
 * all arrive, one whose two parts fail at the same moment. Exercise 58.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct part {
    int id;
    double takes;
    int broken;
};

struct file {
    struct part *parts;
    size_t n;
};

extern int open_connections;
bool fetch_all(struct file *f);

static async_value
amain(void *arg)
{
    (void)arg;
    static struct part good[] = {{5, 0.4, 0}, {6, 0.2, 0}, {7, 0.3, 0}};
    static struct part bad[] = {{8, 0.3, 1}, {9, 0.3, 1}, {10, 0.6, 0}};
    struct file g = {good, 3}, b = {bad, 3};

    bool ok = fetch_all(&g);
    printf("good: %d at %.2f s, %d open\n", ok, async_time(),
           open_connections);
    ok = fetch_all(&b);
    printf("bad: %d at %.2f s, %d open\n", ok, async_time(),
           open_connections);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
