// SPDX-License-Identifier: MIT
/*
 * driver.c: other mails through the student's notify: none failing,
 * then two failing out of four, the slowest last. Exercise 55.
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct mail {
    const char *to;
    double takes;
    int full;
};

extern int sent;
int notify(struct mail *mails, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    struct mail good[] = {{"dan", 0.2, 0}, {"eve", 0.1, 0}};
    struct mail bad[] = {
        {"fay", 0.4, 1}, {"gus", 0.1, 0}, {"hal", 0.2, 1}, {"ida", 0.5, 0},
    };

    double t0 = async_time();
    int f = notify(good, 2);
    printf("good: %d failed in %.2f s\n", f, async_time() - t0);
    t0 = async_time();
    f = notify(bad, 4);
    printf("bad: %d failed in %.2f s, %d sent\n", f, async_time() - t0, sent);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
