// SPDX-License-Identifier: MIT
/*
 * driver.c: cancels the student's download at other points: before it
 * starts, while it dials, just after it opened its file, in its chunks,
 * and once it has finished. After each: what it holds. Exercise 34.
 */
#include <stdio.h>

#include "async.h"

struct job {
    const char *name;
    int chunks;
    int received;
};

extern int open_connections, temp_files;
async_value download(void *arg);

/* Starts j, cancels it after `at` seconds (at once if at < 0), waits
 * until it has ended however it ended, and says what is left. */
static void
cancel_at(struct job *j, double at)
{
    async_task *t = async_create_task(download, j);

    if (at >= 0)
        async_sleep(at);
    printf("%s: cancel at %.2f s: %s\n", j->name, at < 0 ? 0 : at,
           async_cancel(t) ? "true" : "false");
    async_as_completed *it = async_as_completed_new(&t, 1);
    async_as_completed_next(it);
    printf("%s: %s, %d chunks; connections %d, temp files %d\n", j->name,
           async_task_cancelled(t) ? "cancelled" : "finished", j->received,
           open_connections, temp_files);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct job jobs[] = {
        {"c0", 2, 0}, {"c1", 2, 0}, {"c2", 2, 0}, {"c3", 4, 0}, {"c4", 2, 0},
    };

    cancel_at(&jobs[0], -1);
    cancel_at(&jobs[1], 0.05);
    cancel_at(&jobs[2], 0.15);
    cancel_at(&jobs[3], 0.35);
    cancel_at(&jobs[4], 1.0);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
