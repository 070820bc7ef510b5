// SPDX-License-Identifier: MIT
/*
 * Exercise 30: results, one page at a time.
 *
 * The idea (lesson 15, async generators):
 *   1. A generator's body hands out values with async_yield and pauses
 *      there until the consumer asks for the next one.
 *   2. Inside a task the body may await between yields: it is then an
 *      async generator, and while it waits, the consumer's task waits and
 *      the loop runs others.
 *   3. When the body returns, the consumer's async_gen_next gives false
 *      (Python: StopAsyncIteration) and async_for ends.
 *          async_for (v, g) printf("%ld\n", v.i);
 *   4. Nothing runs before the first async_gen_next, and nothing after
 *      the value the consumer is waiting for: a generator is lazy.
 *
 * Your task: write the body of pages. It makes one request per page:
 * each request waits q->delay seconds, then yields the number of items
 * on that page (q->page_size, or fewer on the last page). No items, no
 * request. Here 10 items by 4 print pages of 4, 4 and 2 items at 0.10,
 * 0.20 and 0.30 s, then "10 items in 3 pages".
 *
 * Check it: make grade EX=30    Stuck? python3 grader/grade.py --hint 30
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

struct query {
    long total;     /* items in all */
    long page_size; /* items per page */
    double delay;   /* seconds each page request takes */
};

/* pages: an async generator over the pages of q (a struct query *);
 * yields each page's item count (.i). Use it inside a task. */
void
pages(async_gen *g, void *arg)
{
    struct query *q = arg;

    /* Why: one request per page, each only when the consumer asks. */
    for (long left = q->total; left > 0; left -= q->page_size) {
        usleep((useconds_t)(q->delay * 1e6));
        async_yield(g, ASYNC_INT(left < q->page_size ? left : q->page_size));
    }
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct query q = {10, 4, 0.1};
    double start = async_time();
    long items = 0;
    int n = 0;

    async_gen *g = async_gen_new(pages, &q);
    async_for (v, g) {
        n++;
        items += v.i;
        printf("page %d: %ld items at %.2f s\n", n, v.i, async_time() - start);
    }
    async_gen_close(g);
    printf("%ld items in %d pages\n", items, n);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
