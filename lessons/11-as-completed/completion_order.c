// SPDX-License-Identifier: MIT
/*
 * completion_order.c: three jobs of different lengths, listed slowest
 * first. as_completed hands them back fastest first, each at the moment
 * it finishes; gather hands back the same results in argument order, and
 * only when the last one is in. Lesson 11 (as_completed).
 */
#include <stdio.h>

#include "async.h"

struct job {
    const char *name; /* what to print */
    double seconds;   /* how long the job takes */
};

static struct job jobs[] = {{"slow", 0.3}, {"fast", 0.1}, {"medium", 0.2}};

static async_value
run_job(void *arg)
{
    struct job *j = arg;

    async_sleep(j->seconds);
    return ASYNC_PTR(j);
}

static void
start_all(async_task **tasks)
{
    for (int i = 0; i < 3; i++)
        tasks[i] = async_create_task(run_job, &jobs[i]);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_task *tasks[3];
    double start = async_time();

    puts("as_completed:");
    start_all(tasks);
    async_as_completed *it = async_as_completed_new(tasks, 3);
    for (async_task *t; (t = async_as_completed_next(it)) != NULL;) {
        struct job *j = async_result(t).p;
        printf("  %.2f s  %s\n", async_time() - start, j->name);
    }

    puts("gather:");
    start = async_time();
    async_value results[3];
    start_all(tasks);
    async_gather(tasks, 3, results);
    for (int i = 0; i < 3; i++) {
        struct job *j = results[i].p;
        printf("  %.2f s  %s\n", async_time() - start, j->name);
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
