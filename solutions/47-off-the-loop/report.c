// SPDX-License-Identifier: MIT
/*
 * Exercise 47: off the loop.
 *
 * The idea (lesson 23, threads for blocking calls):
 *   1. Some calls block and have no async version: a library you cannot
 *      change. Called in a task, such a call holds the loop for as long
 *      as it takes (lesson 14).
 *   2. async_to_thread(fn, arg) runs fn(arg) on a worker thread and
 *      suspends only the calling task until fn returns:
 *          long n = async_to_thread(job, &pages).i;   // others run
 *   3. fn has the async_fn type, async_value fn(void *arg): a small
 *      adapter turns the library's own signature into that one.
 *   4. fn runs on another thread: it must not call the runtime. It takes
 *      its argument and returns its result, nothing more.
 *
 * Your task: legacy_render blocks for 0.2 s per page, and while a report
 * renders the heartbeat stops. Make render run it on a worker thread, so
 * that the heartbeat keeps its times (0.00, 0.25, 0.50, 0.75 s) and the
 * program takes 1.00 s. Do not change legacy_render.
 *
 * Check it: make grade EX=47    Stuck? python3 grader/grade.py --hint 47
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

static double start; /* when amain began */

/* legacy_render: the reporting library's one call, which we may not
 * change. It blocks, 0.2 s per page, and returns the report's size in
 * bytes. */
long
legacy_render(long pages)
{
    long bytes = 0;

    for (long i = 0; i < pages; i++) {
        usleep(200000); /* the library's work: it blocks its thread */
        bytes += 1000 + 10 * i;
    }
    return bytes;
}

/* Why: async_to_thread takes an async_fn, so this adapter unpacks the
 * argument; it runs on the worker thread and touches nothing else. */
static async_value
render_job(void *arg)
{
    return ASYNC_INT(legacy_render(*(long *)arg));
}

/* render: a coroutine function (call it from a task). Renders a report of
 * `pages` pages and returns its size in bytes, without holding the loop. */
long
render(long pages)
{
    /* Why: the thread blocks, this task waits, the loop runs on; &pages
     * stays valid because render waits here until the thread is done. */
    return async_to_thread(render_job, &pages).i;
}

static async_value
heartbeat(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 4; i++) {
        printf("heartbeat %d at %.2f s\n", i, async_time() - start);
        async_sleep(0.25);
    }
    return ASYNC_NONE;
}

static async_value
reports(void *arg)
{
    (void)arg;
    long pages[2] = {3, 1};

    for (int i = 0; i < 2; i++) {
        printf("rendering a %ld-page report\n", pages[i]);
        long bytes = render(pages[i]);
        printf("%ld-page report: %ld bytes at %.2f s\n", pages[i], bytes,
               async_time() - start);
    }
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    start = async_time();
    async_task *t[2] = {async_create_task(heartbeat, NULL),
                        async_create_task(reports, NULL)};
    async_gather(t, 2, NULL);
    printf("done at %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
