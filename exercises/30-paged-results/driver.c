// SPDX-License-Identifier: MIT
/*
 * driver.c: consumes the student's pages generator for other queries:
 * pages that divide evenly, no items at all, and a consumer that takes
 * only the first page of a long query (a lazy generator answers after
 * one request). Exercise 30.
 */
#include <stdio.h>

#include "async.h"

struct query {
    long total;
    long page_size;
    double delay;
};

void pages(async_gen *g, void *arg);

static void
consume_all(struct query *q)
{
    double start = async_time();
    long items = 0;
    int n = 0;

    async_gen *g = async_gen_new(pages, q);
    async_for (v, g) {
        n++;
        items += v.i;
        printf("  %ld at %.2f\n", v.i, async_time() - start);
    }
    async_gen_close(g);
    printf("%ld by %ld: %ld items, %d pages, %.2f s\n", q->total,
           q->page_size, items, n, async_time() - start);
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct query even = {9, 3, 0.05}, none = {0, 5, 0.1}, big = {100, 10, 0.2};

    consume_all(&even);
    consume_all(&none);

    double start = async_time();
    async_gen *g = async_gen_new(pages, &big);
    async_value first;
    if (async_gen_next(g, &first))
        printf("first page of 100: %ld items at %.2f s\n", first.i,
               async_time() - start);
    async_gen_close(g);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
