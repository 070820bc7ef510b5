// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's report_in_completion_order on four other
 * downloads, none of them in completion order, and prints the total and
 * the time. Exercise 22.
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct download {
    const char *name;
    double seconds;
    long bytes;
};

long report_in_completion_order(struct download *d, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    struct download files[] = {
        {"a.bin", 0.40, 1},
        {"b.bin", 0.05, 20},
        {"c.bin", 0.25, 300},
        {"d.bin", 0.15, 4000},
    };
    double start = async_time();

    long total = report_in_completion_order(files, 4);
    printf("total %ld in %.2f s\n", total, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
