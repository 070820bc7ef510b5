// SPDX-License-Identifier: MIT
/*
 * gather_fail.c: gather raises the first failure at once, and the other
 * tasks keep running: nobody cancelled them. Lesson 26.
 */
#include <stdio.h>

#include "async.h"

enum { TIMED_OUT = 3 };

static double start;

struct fetch {
    const char *name;
    double takes;
    int fails;
};

static async_value
fetch(void *arg)
{
    struct fetch *f = arg;

    async_sleep(f->takes);
    if (f->fails)
        async_raise(TIMED_OUT, "%s: no answer", f->name);
    printf("%.2f s  %s: done\n", async_time() - start, f->name);
    return ASYNC_INT(1);
}

static async_value
gather_all(void *arg)
{
    async_task **t = arg;
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    static struct fetch f[] = {
        {"users", 0.1, 0}, {"orders", 0.2, 1}, {"stock", 0.3, 0},
    };
    async_task *t[3];
    async_error e;

    start = async_time();
    for (int i = 0; i < 3; i++)
        t[i] = async_create_task(fetch, &f[i]);
    if (!async_try(gather_all, t, NULL, &e))
        printf("%.2f s  gather raised: %s\n", async_time() - start,
               e.message);
    async_sleep(0.2);
    for (int i = 0; i < 3; i++)
        printf("%s: %s\n", f[i].name, async_task_failed(t[i]) ? "failed"
               : async_done(t[i]) ? "done" : "pending");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
