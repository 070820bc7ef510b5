// SPDX-License-Identifier: MIT
/*
 * group_timeout.c: deadlines and task groups. Inside the group, one
 * child puts a deadline on one of its own steps: when it passes, only
 * that step is cut, and the child goes on. Around the group, a deadline
 * on the whole job: when it passes, the group's children are cancelled,
 * waited for, and the timeout returns false. Lesson 27.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

static double start;

static void
say(const char *text)
{
    printf("%.2f s  %s\n", async_time() - start, text);
}

static void
cut(void *arg)
{
    say(arg);
}

static async_value
preview(void *arg)
{
    (void)arg;
    async_sleep(0.3);
    return ASYNC_NONE;
}

static async_value
thumbnail(void *arg)
{
    (void)arg;
    if (!async_timeout(0.1, preview, NULL, NULL)) /* its own deadline */
        say("thumbnail: preview too slow, placeholder used");
    async_sleep(0.2);
    say("thumbnail: done");
    return ASYNC_NONE;
}

static async_value
transcode(void *arg)
{
    (void)arg;
    async_cleanup_push(cut, "transcode: cancelled, partial file removed");
    async_sleep(2.0);
    async_cleanup_pop(false);
    say("transcode: done");
    return ASYNC_NONE;
}

static async_value
job(async_task_group *tg, void *arg)
{
    (void)arg;
    async_task_group_create_task(tg, thumbnail, NULL);
    async_task_group_create_task(tg, transcode, NULL);
    return ASYNC_NONE;
}

static async_value
run_job(void *arg)
{
    (void)arg;
    async_task_group_run(job, NULL, NULL, NULL);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    if (!async_timeout(0.5, run_job, NULL, NULL)) /* the whole job's */
        say("main: the job timed out");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
