// SPDX-License-Identifier: MIT
/*
 * orphans.c: gather leaves orphans. One upload fails; gather raises at
 * once and main moves on, but nobody cancelled the other uploads: one is
 * still running, and finishes later for nobody. Lesson 27.
 */
#include <stdio.h>

#include "async.h"

enum { REFUSED = 6 };

static double start;

struct mirror {
    const char *name;
    double takes;
    int refuses;
};

static async_value
upload(void *arg)
{
    struct mirror *m = arg;

    async_sleep(m->takes);
    if (m->refuses)
        async_raise(REFUSED, "%s: mirror refused", m->name);
    printf("%.2f s  %s: uploaded\n", async_time() - start, m->name);
    return ASYNC_NONE;
}

static struct mirror mirrors[] = {
    {"eu", 0.1, 0}, {"us", 0.2, 1}, {"asia", 0.4, 0},
};

static async_value
upload_all(void *arg)
{
    (void)arg;
    async_task *t[3];

    for (int i = 0; i < 3; i++)
        t[i] = async_create_task(upload, &mirrors[i]);
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_error e;

    start = async_time();
    if (!async_try(upload_all, NULL, NULL, &e))
        printf("%.2f s  main: upload failed: %s\n", async_time() - start,
               e.message);
    printf("%.2f s  main: moving on\n", async_time() - start);
    async_sleep(0.5);
    printf("%.2f s  main: done\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
