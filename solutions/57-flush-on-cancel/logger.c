// SPDX-License-Identifier: MIT
/*
 * Exercise 57: flush, then stop.
 *
 * The idea (lesson 26, errors in tasks):
 *   1. A cleanup handler runs as a task is cancelled, but it must not
 *      suspend: it cannot await a write to disk. asyncio writes such an
 *      ending as `except CancelledError: await flush(); raise`.
 *   2. In C: async_try(body, arg, NULL, &err) catches the cancellation
 *      (err.code == ASYNC_CANCELLED). Back in the task, it may await
 *      again as much as it needs, then stop with async_reraise(&err).
 *   3. Re-raise it: a task that was asked to stop and swallows the
 *      cancellation looks, to whoever cancelled it, as if it finished.
 *
 * Your task: logger runs logger_loop, which writes the buffered lines
 * every second. When the logger is cancelled, the lines still in the
 * buffer must be written (flush) before it stops; and it must end
 * cancelled, as asked.
 *
 * Check it: make grade EX=57    Stuck? python3 grader/grade.py --hint 57
 */
#include <stdio.h>
#include <string.h>

#include "async.h"

struct log {
    char lines[16][40]; /* buffered, not written yet */
    int n;              /* how many are buffered */
    int written;        /* lines written so far */
};

static double start;

static double
now(void)
{
    return async_time() - start;
}

/* say: buffer one line (never suspends). */
static void
say(struct log *l, const char *text)
{
    if (l->n < 16)
        snprintf(l->lines[l->n++], sizeof l->lines[0], "%s", text);
}

/* flush: write the buffered lines to disk, which takes 0.1 s. A
 * coroutine function. */
void
flush(struct log *l)
{
    if (l->n == 0)
        return;
    async_sleep(0.1);
    printf("%.2f s  wrote %d line(s)\n", now(), l->n);
    l->written += l->n;
    l->n = 0;
}

/* logger_loop: a coroutine function (arg: the struct log): flushes
 * every second, for ever. */
async_value
logger_loop(void *arg)
{
    for (;;) {
        async_sleep(1.0);
        flush(arg);
    }
}

/* logger: a task's function (arg: the struct log): runs logger_loop;
 * when cancelled, flushes what is left, then ends cancelled. */
async_value
logger(void *arg)
{
    /* TODO: run logger_loop(arg) so that its cancellation is caught;
     * then flush what is left and raise the cancellation again. */
    async_error e;

    if (async_try(logger_loop, arg, NULL, &e))
        return ASYNC_NONE;
    flush(arg); /* Why: a handler could not await this write */
    async_reraise(&e);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct log l; /* static: outlives amain */

    start = async_time();
    async_task *t = async_create_task(logger, &l);
    say(&l, "started");
    async_sleep(0.5);
    say(&l, "order 1");
    async_sleep(0.7);
    say(&l, "order 2");
    async_sleep(0.3);
    say(&l, "stopping");
    async_sleep(0.1);
    async_cancel(t);

    const async_error *err[1];
    async_gather_settled(&t, 1, NULL, err);
    printf("%.2f s  logger cancelled: %s, %d line(s) written, %d lost\n",
           now(), err[0] && err[0]->code == ASYNC_CANCELLED ? "yes" : "no",
           l.written, l.n);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
