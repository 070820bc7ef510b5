// SPDX-License-Identifier: MIT
/*
 * driver.c: prices other items with the student's price: services that
 * answer fast, just in time, a little late and far too late, with the
 * time each price took and the requests left open. Exercise 36.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

struct item {
    const char *name;
    double takes;
    long fresh_price;
    long cached_price;
};

extern int open_requests;
long price(struct item *it, bool *fresh);

static async_value
amain(void *arg)
{
    (void)arg;
    struct item items[] = {
        {"kiwi", 0.1, 11, 10}, {"date", 0.45, 21, 20},
        {"plum", 0.6, 31, 30}, {"lime", 3.0, 41, 40},
    };

    for (int i = 0; i < 4; i++) {
        double start = async_time();
        bool fresh = false;
        long p = price(&items[i], &fresh);
        printf("%s: %ld %s in %.2f s, %d open\n", items[i].name, p,
               fresh ? "fresh" : "cached", async_time() - start,
               open_requests);
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
