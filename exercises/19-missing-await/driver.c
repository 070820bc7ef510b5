// SPDX-License-Identifier: MIT
/*
 * driver.c: a slow clerk and a fast packer, then both done before the
 * checkout: checkout must wait exactly as long as needed. Exercise 19.
 */
#include <stdio.h>

#include "async.h"

long checkout(async_future *price, async_task *packing);

static async_value
slow_price(void *arg)
{
    async_sleep(1.5);
    async_future_set_result(arg, ASYNC_INT(40));
    return ASYNC_NONE;
}

static async_value
quick_pack(void *arg)
{
    (void)arg;
    async_sleep(0.1);
    return ASYNC_INT(5);
}

static async_value
amain(void *arg)
{
    (void)arg;
    double start = async_time();
    async_future *price = async_future_new();

    async_task *clerk = async_create_task(slow_price, price);
    async_task *packing = async_create_task(quick_pack, NULL);
    printf("returned %ld\n", checkout(price, packing));
    printf("at %.2f s\n", async_time() - start);

    /* Both are done now: checkout must not wait at all. */
    printf("returned %ld\n", checkout(price, packing));
    printf("at %.2f s\n", async_time() - start);
    async_await(clerk);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
