// SPDX-License-Identifier: MIT
/*
 * group.c: the uploads of orphans.c in a task group. When one fails,
 * the group cancels the others (their cleanup handlers run), waits for
 * them, and only then returns false with the errors: nothing is left
 * running behind main's back. Lesson 27.
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

static void
cancelled(void *arg)
{
    struct mirror *m = arg;
    printf("%.2f s  %s: cancelled\n", async_time() - start, m->name);
}

static async_value
upload(void *arg)
{
    struct mirror *m = arg;

    async_cleanup_push(cancelled, m);
    async_sleep(m->takes);
    async_cleanup_pop(false);
    if (m->refuses)
        async_raise(REFUSED, "%s: mirror refused", m->name);
    printf("%.2f s  %s: uploaded\n", async_time() - start, m->name);
    return ASYNC_NONE;
}

static struct mirror mirrors[] = {
    {"eu", 0.1, 0}, {"us", 0.2, 1}, {"asia", 0.4, 0},
};

/* The group's body: the inside of `async with TaskGroup() as tg:`. */
static async_value
upload_all(async_task_group *tg, void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++)
        async_task_group_create_task(tg, upload, &mirrors[i]);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_error_list errors;

    start = async_time();
    if (!async_task_group_run(upload_all, NULL, NULL, &errors))
        for (size_t i = 0; i < errors.n; i++)
            printf("%.2f s  main: upload failed: %s\n",
                   async_time() - start, errors.errors[i].message);
    printf("%.2f s  main: moving on, nothing left running\n",
           async_time() - start);
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
