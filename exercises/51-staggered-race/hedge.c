// SPDX-License-Identifier: MIT
/*
 * Exercise 51: a staggered race.
 *
 * The idea (lesson 25, waiting for the first):
 *   1. A staggered race starts one attempt, and starts the next when the
 *      ones running have not succeeded within `delay` seconds, or at once
 *      when one fails. The first success wins; the rest are cancelled.
 *   2. One round of it is one async_wait with a timeout:
 *          s = async_wait(running, nrun, ASYNC_FIRST_COMPLETED, delay);
 *      It returns when one attempt is done or after delay seconds,
 *      whichever comes first; the time-out is no error.
 *   3. s.done holds the attempts that finished (succeeded or failed);
 *      s.pending those still running, to keep for the next round. Once
 *      every attempt has started, wait with no time limit (-1).
 *   4. At the end, cancel what still runs and wait for it to unwind
 *      (async_wait with ASYNC_ALL_COMPLETED, only if anything runs).
 *
 * Your task: look a name up on several DNS servers, staggered by
 * 0.3 s, so that a slow first server costs 0.3 s and a failing one
 * nothing: the answer must come at 0.60 s, not at 2.00 s.
 *
 * Check it: make grade EX=51    Stuck? python3 grader/grade.py --hint 51
 */
#include <stdio.h>

#include "async.h"

#define MAX_SERVERS 8

struct server {
    const char *name; /* the server */
    double takes;     /* seconds until it answers or fails */
    long answer;      /* the address it answers, or -1: it fails */
};

static void
dropped(void *arg)
{
    printf("%.2f s  %s dropped\n", async_time(), (const char *)arg);
}

/* lookup: asks one server. Returns its answer (.i), -1 if it failed. A
 * task; arg is its struct server. */
async_value
lookup(void *arg)
{
    struct server *s = arg;

    printf("%.2f s  asking %s\n", async_time(), s->name);
    async_cleanup_push(dropped, (void *)s->name);
    async_sleep(s->takes);
    async_cleanup_pop(false);
    if (s->answer < 0)
        printf("%.2f s  %s failed\n", async_time(), s->name);
    else
        printf("%.2f s  %s answers %ld\n", async_time(), s->name, s->answer);
    return ASYNC_INT(s->answer);
}

/* resolve: asks the n servers (1 <= n <= MAX_SERVERS) in a staggered
 * race and returns the first answer, or -1 if all fail; no lookup is
 * left running. A coroutine function. */
long
resolve(struct server *servers, size_t n, double delay)
{
    async_task *running[MAX_SERVERS];
    size_t nrun = 0, next = 0;
    long answer = -1;

    while (answer < 0 && (next < n || nrun > 0)) {
        if (next < n) {
            running[nrun++] = async_create_task_named(
                lookup, &servers[next], servers[next].name);
            next++;
        }
        /* TODO: wait for the first lookup to finish, for at most delay
         * seconds while servers are left to ask (no limit after that);
         * take an answer from the lookups done (an answer is >= 0), and
         * keep the lookups still running in running[0..nrun). */
        TODO("wait for the first lookup with async_wait, timing out "
             "after delay while servers are left");
        (void)running, (void)delay;
    }
    /* TODO: cancel the lookups still running and wait until they have
     * stopped. */

    return answer;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct server servers[] = {
        {"ns1", 2.00, 10}, /* slow */
        {"ns2", 0.10, -1}, /* fails */
        {"ns3", 0.20, 30},
        {"ns4", 0.05, 40},
    };
    long answer = resolve(servers, 4, 0.3);

    printf("%.2f s  resolved to %ld\n", async_time(), answer);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
