// SPDX-License-Identifier: MIT
/*
 * Exercise 10: two seconds of waiting in one.
 *
 * The idea (lesson 05, coroutines and await):
 *   1. Calling a coroutine function inside a task awaits it: your task
 *      waits until it returns. Two such calls wait one after the other.
 *   2. async_create_task(fn, arg) queues fn(arg) as a task of its own and
 *      returns at once; the task starts when your task next suspends.
 *   3. async_await(t) waits for task t and gives its result. While you
 *      wait for one task, every other task can run and wait too.
 *   4. So: create all the tasks first, then await them all. Awaiting each
 *      one right after creating it is sequential again.
 *
 * Your task: fetch_all() fetches one job after another, so this program
 * takes 2.00 s. Change fetch_all() so that the fetches overlap and it
 * prints
 *     weather: 21
 *     news: 3
 *     both in 1.00 s
 * The grader also runs fetch_all() on other jobs.
 *
 * Check it: make grade EX=10    Stuck? python3 grader/grade.py --hint 10
 */
#include <stdio.h>

#include "async.h"

#define MAX_JOBS 8

struct fetch {
    const char *name; /* what is fetched */
    double seconds;   /* how long the fetch waits */
    long value;       /* what the fetch gives */
    long result;      /* where fetch_all stores what it got */
};

/* fetch: waits f->seconds without blocking, then gives f->value. */
static async_value
fetch(void *arg)
{
    struct fetch *f = arg;

    async_sleep(f->seconds);
    return ASYNC_INT(f->value);
}

/* fetch_all: runs fetch() on jobs[0..n-1], storing each one's value in
 * its result, and returns when all are done. It should take as long as
 * the longest fetch, not their sum. n <= MAX_JOBS; only inside a task. */
void
fetch_all(struct fetch *jobs, size_t n)
{
    async_task *t[MAX_JOBS];

    for (size_t i = 0; i < n; i++) /* why: start every fetch first */
        t[i] = async_create_task(fetch, &jobs[i]);
    for (size_t i = 0; i < n; i++)
        jobs[i].result = async_await(t[i]).i;
}

static async_value
amain(void *arg)
{
    struct fetch jobs[] = {
        {"weather", 1.0, 21, 0},
        {"news", 1.0, 3, 0},
    };
    double start = async_time();

    (void)arg;
    fetch_all(jobs, 2);
    for (size_t i = 0; i < 2; i++)
        printf("%s: %ld\n", jobs[i].name, jobs[i].result);
    printf("both in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
