// SPDX-License-Identifier: MIT
/*
 * Exercise 28: unblock the fetcher.
 *
 * The idea (lesson 14, blocking calls):
 *   1. A blocking call (sleep, usleep, a plain read) stops the whole
 *      thread, and the event loop with it: no other task runs meanwhile.
 *   2. Its non-blocking replacement suspends only the calling task:
 *          usleep(400000);        // blocks everyone for 0.4 s
 *          async_sleep(0.4);      // this task waits 0.4 s, others run
 *   3. So five fetches that each wait 0.4 s take 2 s when they block, and
 *      0.4 s when they wait together.
 *   4. Debug mode names the blocking call, and the grader's no_blocking
 *      check finds it in the trace.
 *
 * Your task: fetch simulates a slow server with a blocking usleep, so the
 * five fetches run one after another (2.00 s). Make fetch wait without
 * blocking: all five "asking" lines, then all five "got" lines, in
 * 0.40 s, with no blocking call left.
 *
 * Check it: make grade EX=28    Stuck? python3 grader/grade.py --hint 28
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "async.h"

#define SERVER_DELAY_US 400000 /* how long the server takes to answer */

/* fetch: a coroutine function. Takes a URL (char *), waits for the
 * server, and returns the page's size in bytes. */
async_value
fetch(void *arg)
{
    const char *url = arg;

    printf("asking %s\n", url);
    /* Why: async_sleep suspends only this task; the other fetches run. */
    printf("got %s\n", url);
    return ASYNC_INT((long)strlen(url) * 1000);
}

static async_value
amain(void *arg)
{
    (void)arg;
    void *urls[5] = {"/", "/news", "/about", "/shop", "/contact"};
    async_value sizes[5];
    double start = async_time();
    long total = 0;

    async_gather_fn(fetch, urls, 5, sizes);
    for (int i = 0; i < 5; i++)
        total += sizes[i].i;
    printf("%ld bytes in %.2f s\n", total, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
