// SPDX-License-Identifier: MIT
/*
 * errands.c: three errands with waits of different lengths, done one
 * after another. Each line shows the clock, so you can watch the waits
 * pile up: the total is their sum. Lesson 01 (blocking).
 */
#include <stdio.h>
#include <time.h>

#include "async.h"

struct errand {
    const char *name;   /* what we wait for */
    struct timespec len; /* how long the wait takes */
};

static double start;

static void
run_errand(const struct errand *e)
{
    printf("%5.2f s  start %s\n", async_time() - start, e->name);
    nanosleep(&e->len, NULL); /* blocking: we stand there till it is over */
    printf("%5.2f s  done  %s\n", async_time() - start, e->name);
}

int
main(void)
{
    static const struct errand errands[] = {
        {"the kettle", {1, 500000000}},
        {"the download", {0, 500000000}},
        {"the toaster", {1, 0}},
    };

    start = async_time();
    for (size_t i = 0; i < sizeof errands / sizeof errands[0]; i++)
        run_errand(&errands[i]);
    printf("all done after %.2f s\n", async_time() - start);
    return 0;
}
