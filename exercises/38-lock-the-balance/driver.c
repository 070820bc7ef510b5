// SPDX-License-Identifier: MIT
/*
 * driver.c: deposits to two accounts at once, with other amounts. Each
 * account's deposits must follow one another; the two accounts' must
 * not wait for each other. Exercise 38.
 */
#include <stdio.h>

#include "async.h"

struct account {
    const char *owner;
    long balance;
    async_lock *lock;
};

struct deposit_args {
    struct account *to;
    long amount;
};

void account_open(struct account *a, const char *owner, long balance);
async_value deposit_task(void *arg);

static async_value
amain(void *arg)
{
    (void)arg;
    struct account ann, bob;
    struct deposit_args d[] = {{&ann, 5}, {&bob, 7}, {&ann, 15}, {&bob, 8},
                               {&ann, 25}};
    void *args[] = {&d[0], &d[1], &d[2], &d[3], &d[4]};

    account_open(&ann, "ann", 50);
    account_open(&bob, "bob", 0);
    async_gather_fn(deposit_task, args, 5, NULL);
    printf("ann %ld, bob %ld after %.2f s\n", ann.balance, bob.balance,
           async_time());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
