// SPDX-License-Identifier: MIT
/*
 * Exercise 53: a barrier between phases.
 *
 * The idea (lesson 25, waiting for the first):
 *   1. async_barrier_new(n) makes a barrier for n tasks;
 *      async_barrier_wait(b) suspends until n tasks are waiting at it,
 *      then lets them all go on.
 *   2. It returns the task's arrival index: 0 for the first, n - 1 for
 *      the last, which does not wait at all. So one task per round can
 *      do the round's one-off job: the one whose index is
 *      async_barrier_parties(b) - 1.
 *   3. After a round the barrier fills again: one barrier serves every
 *      phase.
 *
 * Your task: three workers load, compute, then save, each at its own
 * pace. Nobody may start computing before everyone has loaded, nor
 * saving before everyone has computed; after each of those phases the
 * last worker to finish it announces it with phase_done.
 *
 * Check it: make grade EX=53    Stuck? python3 grader/grade.py --hint 53
 */
#include <stdio.h>

#include "async.h"

#define MAX_WORKERS 8

struct worker {
    const char *name; /* who */
    double load;      /* seconds for each phase */
    double compute;
    double save;
};

static async_barrier *phase_end; /* where the workers meet */

/* phase_done: says that every worker has finished phase. */
void
phase_done(const char *phase)
{
    printf("%.2f s  --- %s done\n", async_time(), phase);
}

/* end_of_phase: waits until every worker has finished phase; the last
 * to arrive calls phase_done. A coroutine function. */
void
end_of_phase(const char *phase)
{
    /* Why: the last arrival (index parties - 1) passes first, once. */
    long index = async_barrier_wait(phase_end);
    if (index == async_barrier_parties(phase_end) - 1)
        phase_done(phase);
}

/* work: one worker's three phases. A task; arg is its struct worker. */
async_value
work(void *arg)
{
    struct worker *w = arg;

    async_sleep(w->load);
    printf("%.2f s  %s loaded\n", async_time(), w->name);
    end_of_phase("load");
    async_sleep(w->compute);
    printf("%.2f s  %s computed\n", async_time(), w->name);
    end_of_phase("compute");
    async_sleep(w->save);
    printf("%.2f s  %s saved\n", async_time(), w->name);
    return ASYNC_NONE;
}

/* run_phases: runs the n workers (1 <= n <= MAX_WORKERS) to the end. A
 * coroutine function. */
void
run_phases(struct worker *workers, size_t n)
{
    async_task *t[MAX_WORKERS];

    /* Why: one party per worker; the same barrier serves each phase. */
    phase_end = async_barrier_new((long)n);

    for (size_t i = 0; i < n; i++)
        t[i] = async_create_task_named(work, &workers[i], workers[i].name);
    async_gather(t, n, NULL);
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct worker workers[] = {
        {"ann", 0.3, 0.2, 0.1},
        {"bob", 0.1, 0.5, 0.1},
        {"cy", 0.2, 0.1, 0.3},
    };

    run_phases(workers, 3);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
