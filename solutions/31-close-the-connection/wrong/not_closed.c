// SPDX-License-Identifier: MIT
/*
 * Exercise 31: close the connection.
 *
 * The idea (lesson 15, async generators):
 *   1. A consumer may stop reading a generator early (break). The body is
 *      then paused in the middle, and whatever it opened is still open.
 *   2. async_gen_close(g) (Python: await g.aclose()) resumes a paused body
 *      only to run its cleanup handlers, never the rest of its code.
 *   3. A cleanup handler is Python's finally: register it with
 *          async_cleanup_push(fn, arg);   ...   async_cleanup_pop(true);
 *      in the same function; pop(true) also runs it at the normal end.
 *   4. Left unclosed, a generator is closed only when its loop closes:
 *      far too late for a connection.
 *
 * Your task: find_row leaves its query's connection open when it finds a
 * match, and a query read to the end never closes it either. Make every
 * connection close exactly once, as soon as find_row is done with it, so
 * that "open connections: 0" follows each search.
 *
 * Check it: make grade EX=31    Stuck? python3 grader/grade.py --hint 31
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

struct table {
    const char *name; /* the table */
    long rows;        /* its rows are numbered 1..rows */
};

int open_connections; /* connections open right now */

/* close_connection: a cleanup handler; arg is the struct table. */
void
close_connection(void *arg)
{
    struct table *t = arg;

    open_connections--;
    printf("%s: connection closed\n", t->name);
}

/* query_rows: an async generator over t's rows (a struct table *). It
 * opens a connection, then yields row numbers, fetching each in 0.05 s. */
void
query_rows(async_gen *g, void *arg)
{
    struct table *t = arg;

    open_connections++;
    printf("%s: connection opened\n", t->name);
    /* Why: async_gen_close runs this handler if we are stopped early. */
    async_cleanup_push(close_connection, t);
    for (long r = 1; r <= t->rows; r++) {
        async_sleep(0.05);
        async_yield(g, ASYNC_INT(r));
    }
    /* Why: read to the end, the connection must close here too. */
    async_cleanup_pop(true);
}

/* find_row: whether row `wanted` is in t; reads no further than it. A
 * coroutine function: call it from a task. */
bool
find_row(struct table *t, long wanted)
{
    bool found = false;

    async_gen *g = async_gen_new(query_rows, t);
    async_for (v, g) {
        if (v.i == wanted) {
            found = true;
            break;
        }
    }
    return found;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct table users = {"users", 5}, orders = {"orders", 2};

    printf("row 3 in users: %s\n", find_row(&users, 3) ? "yes" : "no");
    printf("open connections: %d\n", open_connections);
    printf("row 5 in orders: %s\n", find_row(&orders, 5) ? "yes" : "no");
    printf("open connections: %d\n", open_connections);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
