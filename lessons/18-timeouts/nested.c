// SPDX-License-Identifier: MIT
/*
 * nested.c: timeouts inside timeouts. A checkout has two seconds in all;
 * inside it, the optional recommendations get half a second of their
 * own. When the inner deadline passes, only the recommendations are cut
 * and the checkout goes on. When the outer one passes while the inner
 * block runs, both blocks unwind, innermost first, and only the outer
 * async_timeout returns (false). Lesson 18 (timeouts).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when this checkout began, in loop time */

static void
say(void *arg)
{
    printf("%.2f s  %s\n", async_time() - start, (const char *)arg);
}

static async_value
recommend(void *arg)
{
    (void)arg;
    async_cleanup_push(say, "recommendations: cut off");
    async_sleep(0.8);
    async_cleanup_pop(false);
    say("recommendations: shown");
    return ASYNC_NONE;
}

static async_value
checkout(void *arg)
{
    (void)arg;
    async_cleanup_push(say, "checkout: cut off");
    async_sleep(0.4);
    say("cart checked");
    if (!async_timeout(0.5, recommend, NULL, NULL))
        say("recommendations skipped");
    async_sleep(0.6);
    say("paid");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static void
try_checkout(double deadline)
{
    start = async_time();
    printf("checkout within %.1f s:\n", deadline);
    if (async_timeout(deadline, checkout, NULL, NULL))
        say("main: order placed");
    else
        say("main: checkout timed out");
}

static async_value
main_task(void *arg)
{
    (void)arg;
    try_checkout(2.0);
    try_checkout(0.6);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
