// SPDX-License-Identifier: MIT
/*
 * Exercise 56: retry, back off, give up cleanly.
 *
 * The idea (lesson 26, errors in tasks):
 *   1. async_try(body, arg, &out, &err) runs one attempt and tells you
 *      whether it raised, and what (err.code, err.message).
 *   2. A retry loop catches only the failures worth another try (here
 *      BUSY: the server is overloaded), and waits longer before each new
 *      attempt: 0.1 s, then 0.2 s, then 0.4 s (exponential backoff).
 *   3. Giving up cleanly means raising the last error again
 *      (async_reraise), so the caller learns why; never returning a made
 *      up value. A failure that another try cannot mend (NOT_FOUND) is
 *      raised at once, and so is a cancellation: a cancelled task stops.
 *
 * Your task: fetch calls the service (call_service) up to MAX_TRIES
 * times, as described above, and returns its answer.
 *
 * Check it: make grade EX=56    Stuck? python3 grader/grade.py --hint 56
 */
#include <stdio.h>

#include "async.h"

#define MAX_TRIES 4          /* attempts in all */
#define FIRST_BACKOFF 0.1    /* seconds before the second attempt */
enum { BUSY = 1, NOT_FOUND = 2 }; /* call_service's errors */

struct service {
    const char *name;
    int busy_for;  /* the first busy_for attempts fail with BUSY */
    int missing;   /* every attempt fails with NOT_FOUND */
    int attempts;  /* attempts made so far */
};

static double start;

static double
now(void)
{
    return async_time() - start;
}

/* call_service: one attempt (arg: a struct service *): 0.05 s, then an
 * answer or an error. */
async_value
call_service(void *arg)
{
    struct service *s = arg;

    s->attempts++;
    async_sleep(0.05);
    if (s->missing)
        async_raise(NOT_FOUND, "%s: no such page", s->name);
    if (s->attempts <= s->busy_for) {
        printf("%.2f s  %s: attempt %d: busy\n", now(), s->name,
               s->attempts);
        async_raise(BUSY, "%s: server busy", s->name);
    }
    return ASYNC_INT(40 + s->attempts);
}

/* fetch: call_service(s), retried with backoff; raises the last error
 * when it gives up. A coroutine function: call it from a task. */
long
fetch(struct service *s)
{
    /* TODO: try up to MAX_TRIES times; after a BUSY failure, wait
     * FIRST_BACKOFF, then twice as long each time, and try again. Raise
     * any other failure at once, and the last BUSY one after the last
     * try. */
    (void)s;
    TODO("call the service, retrying BUSY failures with backoff");
}

static async_value
fetch_arg(void *arg)
{
    return ASYNC_INT(fetch(arg));
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct service services[] = {
        {"shop", 2, 0, 0}, {"bank", 99, 0, 0}, {"wiki", 0, 1, 0},
    };

    for (int i = 0; i < 3; i++) {
        async_value v;
        async_error e;
        start = async_time();
        if (async_try(fetch_arg, &services[i], &v, &e))
            printf("%.2f s  %s: got %ld\n", now(), services[i].name, v.i);
        else
            printf("%.2f s  gave up after %d attempt(s): %s\n", now(),
                   services[i].attempts, e.message);
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
