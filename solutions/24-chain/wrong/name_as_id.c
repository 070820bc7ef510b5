// SPDX-License-Identifier: MIT
/*
 * Exercise 24: a chain of coroutines.
 *
 * The idea (lesson 12, chaining coroutines):
 *   1. Awaiting a coroutine function is calling it: lookup_id(name) runs
 *      inside the caller's task and returns its value.
 *          long id = lookup_id(name).i;  // id = await lookup_id(name)
 *   2. If the callee suspends (a sleep), the caller's whole task is
 *      suspended with it, and the loop runs other tasks meanwhile.
 *   3. Steps of one chain run in order: the second needs the first's
 *      result. Several chains, as several tasks, overlap.
 *
 * Your task: write score_of(name): look up the player's id with
 * lookup_id, then fetch the score for that id with fetch_score, and
 * return the score. main runs it for three players at once and must
 * print ada: 149, bob: 15, cy: 100 within 0.30 s (one lookup, 0.10 s,
 * plus one fetch, 0.20 s).
 *
 * Check it: make grade EX=24    Stuck? python3 grader/grade.py --hint 24
 */
#include <stdio.h>
#include <string.h>

#include "async.h"

/* lookup_id: a coroutine function. Takes a name (char *), waits 0.1 s
 * for the directory, returns the player's id (.i). */
async_value
lookup_id(void *arg)
{
    const char *name = arg;
    long id = 0;

    async_sleep(0.1);
    for (size_t i = 0; i < strlen(name); i++)
        id = (id * 31 + name[i]) % 97;
    return ASYNC_INT(id);
}

/* fetch_score: a coroutine function. Takes an id (a long, passed as
 * (void *)id), waits 0.2 s for the score server, returns the score. */
async_value
fetch_score(void *arg)
{
    long id = (long)arg;

    async_sleep(0.2);
    return ASYNC_INT(id * 7 % 251);
}

/* score_of: a coroutine function. Takes a name, returns its score. */
async_value
score_of(void *arg)
{
    /* Why: each call runs inline in this task; the fetch needs the id. */
    lookup_id(arg);
    return fetch_score(arg); /* the name, not the id */
}

static async_value
amain(void *arg)
{
    (void)arg;
    void *names[3] = {"ada", "bob", "cy"};
    async_value scores[3];

    async_gather_fn(score_of, names, 3, scores);
    for (int i = 0; i < 3; i++)
        printf("%s: %ld\n", (char *)names[i], scores[i].i);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
