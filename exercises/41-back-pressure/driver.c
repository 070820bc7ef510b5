// SPDX-License-Identifier: MIT
/*
 * driver.c: two more files: five lines through a one-line buffer over a
 * 0.3 s link, then four lines through a three-line buffer over a 1 s
 * link. Exercise 41.
 */
#include <stdio.h>

#include "async.h"

void ship(long lines, size_t buffer, double send_time);

static async_value
amain(void *arg)
{
    (void)arg;
    puts("buffer 1:");
    ship(5, 1, 0.3);
    puts("buffer 3:");
    ship(4, 3, 1.0);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
