// SPDX-License-Identifier: MIT
/*
 * driver.c: searches other tables with the student's find_row: a match
 * on the first row, on the last row, no match, and an empty table, with
 * the open connections and the time after each. Exercise 31.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

struct table {
    const char *name;
    long rows;
};

extern int open_connections;
bool find_row(struct table *t, long wanted);

static void
search(struct table *t, long wanted)
{
    double start = async_time();
    bool found = find_row(t, wanted);

    printf("%ld in %s: %s, %d open, %.2f s\n", wanted, t->name,
           found ? "yes" : "no", open_connections, async_time() - start);
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct table logs = {"logs", 10}, tags = {"tags", 3}, empty = {"empty", 0};

    search(&logs, 1);
    search(&tags, 3);
    search(&tags, 7);
    search(&empty, 1);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
