// SPDX-License-Identifier: MIT
/*
 * Exercise 55: the failure that vanished.
 *
 * The idea (lesson 26, errors in tasks):
 *   1. A task that fails keeps its error until someone retrieves it:
 *      async_await raises it, async_task_error reads it. A task nobody
 *      waits for ("fire and forget") fails in silence; only debug mode
 *      says, as the loop closes, that nobody retrieved its error.
 *   2. To start many tasks and hear about every failure, keep the tasks
 *      and wait for all of them with
 *          async_gather_settled(tasks, n, results, errors);
 *      (asyncio: gather(*tasks, return_exceptions=True)): it waits for
 *      every one, whatever each did, and errors[i] is NULL or tasks[i]'s
 *      error. Plain async_gather would raise the first failure instead.
 *
 * Your task: notify sends every mail at once, each in a task. It must
 * wait until all of them are done, print one line for each that failed
 * and return how many failed. Right now it starts the tasks and forgets
 * them: it reports no failure, and bob's mail fails unseen.
 *
 * Check it: make grade EX=55    Stuck? python3 grader/grade.py --hint 55
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

#define MAILBOX_FULL 3 /* the error send_mail raises */
#define MAX_MAILS 8

struct mail {
    const char *to; /* who gets it */
    double takes;   /* how long the mail server needs */
    int full;       /* their mailbox is full: sending fails */
};

static double start;
int sent; /* mails delivered */

/* send_mail: a task's function (arg: a struct mail *). */
async_value
send_mail(void *arg)
{
    struct mail *m = arg;

    async_sleep(m->takes);
    if (m->full)
        async_raise(MAILBOX_FULL, "%s: mailbox full", m->to);
    sent++;
    printf("%.2f s  sent to %s\n", async_time() - start, m->to);
    return ASYNC_NONE;
}

/* notify: sends the n mails (n <= MAX_MAILS) at once, waits until every
 * one is done, prints "T s  failed: MESSAGE" for each that failed, in
 * the order of the mails, and returns how many failed. */
int
notify(struct mail *mails, size_t n)
{
    /* TODO: these tasks are started and forgotten: keep them, wait for
     * every one (whatever it does), then report each failure. */
    async_task *tasks[MAX_MAILS];
    const async_error *errors[MAX_MAILS];
    int failed = 0;

    for (size_t i = 0; i < n; i++)
        tasks[i] = async_create_task(send_mail, &mails[i]);
    /* Why: settled waits for all, and one failure does not cut it short */
    async_gather_settled(tasks, n, NULL, errors);
    for (size_t i = 0; i < n; i++)
        if (errors[i] != NULL) {
            printf("%.2f s  failed: %s\n", async_time() - start,
                   errors[i]->message);
            failed++;
        }
    return failed;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct mail mails[] = {
        {"ann", 0.1, 0}, {"bob", 0.2, 1}, {"cat", 0.3, 0},
    };

    start = async_time();
    int failed = notify(mails, 3);
    printf("%.2f s  %d sent, %d failed\n", async_time() - start, sent,
           failed);
    async_sleep(1); /* the rest of the program's work */
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
