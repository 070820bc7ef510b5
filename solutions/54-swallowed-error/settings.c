// SPDX-License-Identifier: MIT
/*
 * Exercise 54: the swallowed error.
 *
 * The idea (lesson 26, errors in tasks):
 *   1. async_try(body, arg, &out, &err) is try/except around one call:
 *      it returns false and fills err (a code and a message) when body
 *      raised, a cancellation included (code ASYNC_CANCELLED).
 *   2. An except must catch only what it knows how to handle. Everything
 *      else goes on up with async_reraise(&err), as a bare `raise` does.
 *   3. An except that catches everything hides real failures, and even
 *      the cancellation: the task that should stop carries on.
 *
 * Your task: setting reads one setting of a service's configuration. A
 * setting that is not there (NOT_FOUND) gets its fallback value; that is
 * the one failure setting knows how to handle. A corrupt file, or a
 * cancellation, must reach the caller. Right now every failure becomes
 * the fallback: the corrupt 'workers' file goes unnoticed.
 *
 * Check it: make grade EX=54    Stuck? python3 grader/grade.py --hint 54
 */
#include <stdio.h>
#include <string.h>

#include "async.h"

enum { NOT_FOUND = 1, CORRUPT = 2 }; /* error codes of read_setting */

/* read_setting: a coroutine function (arg: the setting's name). Reads it
 * from disk in 0.1 s; raises NOT_FOUND or CORRUPT. */
async_value
read_setting(void *arg)
{
    const char *name = arg;

    async_sleep(0.1);
    if (strcmp(name, "port") == 0)
        return ASYNC_INT(8080);
    if (strcmp(name, "workers") == 0)
        async_raise(CORRUPT, "%s: the file is corrupt", name);
    if (strcmp(name, "slow") == 0) { /* a disk that hangs */
        async_sleep(10);
        return ASYNC_INT(1);
    }
    async_raise(NOT_FOUND, "%s: no such setting", name);
}

/* setting: the setting called name, or fallback if it does not exist.
 * Raises every other failure. A coroutine function: call it from a task. */
long
setting(const char *name, long fallback)
{
    async_value v;
    async_error e;

    if (async_try(read_setting, (void *)name, &v, &e))
        return v.i;
    /* TODO: this except catches every failure and hides it. Use the
     * fallback only for a setting that does not exist (e.code ==
     * NOT_FOUND); raise anything else again. */
    if (e.code != NOT_FOUND) /* Why: only a missing setting is ours */
        async_reraise(&e);
    printf("%s: using %ld\n", name, fallback);
    return fallback;
}

static async_value
load(void *arg)
{
    (void)arg;
    printf("port %ld\n", setting("port", 80));
    printf("timeout %ld\n", setting("timeout", 30));
    printf("workers %ld\n", setting("workers", 4));
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_error e;

    if (async_try(load, NULL, NULL, &e))
        printf("configuration loaded\n");
    else
        printf("configuration failed: %s (code %d)\n", e.message, e.code);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
