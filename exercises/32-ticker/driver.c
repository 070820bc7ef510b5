// SPDX-License-Identifier: MIT
/*
 * driver.c: watches other tickers with the student's watch: five fast
 * ticks, one slow tick, and two tickers at once in two tasks (each must
 * leave the loop free while it waits). Exercise 32.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

struct ticker {
    double interval;
    long ticks;
    bool running;
};

void watch(struct ticker *tk, long n);

static struct ticker fast = {0.2, 0, false}, slow = {2, 0, false};
static struct ticker a = {0.3, 0, false}, b = {0.7, 0, false};

static void
report(const char *name, struct ticker *tk, double start)
{
    printf("%s: %ld ticks, running %s, %.2f s\n", name, tk->ticks,
           tk->running ? "yes" : "no", async_time() - start);
}

static async_value
watch_b(void *arg)
{
    (void)arg;
    watch(&b, 2);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    double start = async_time();

    watch(&fast, 5);
    report("fast", &fast, start);
    start = async_time();
    watch(&slow, 1);
    report("slow", &slow, start);
    start = async_time();
    async_task *t = async_create_task(watch_b, NULL);
    watch(&a, 3);
    async_await(t);
    report("a", &a, start);
    report("b", &b, start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
