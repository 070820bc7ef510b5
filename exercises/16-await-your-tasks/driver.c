// SPDX-License-Identifier: MIT
/*
 * driver.c: backs up other files, so that a fixed total does not pass,
 * and checks that the saves overlapped. Exercise 16.
 */
#include <stdio.h>

#include "async.h"

struct file {
    const char *name;
    long bytes;
    double seconds;
};

long backup_all(struct file *files, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    static struct file files[] = {
        {"a", 5, 0.5}, {"b", 7, 0.1}, {"c", 11, 0.3}, {"d", 13, 0.2},
    };
    double start = async_time();

    printf("total %ld bytes\n", backup_all(files, 4));
    printf("%.2f s\n", async_time() - start);
    printf("total %ld bytes\n", backup_all(files + 1, 1));
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
