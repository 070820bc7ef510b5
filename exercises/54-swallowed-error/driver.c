// SPDX-License-Identifier: MIT
/*
 * driver.c: more settings read with the student's setting: one that is
 * missing, one whose file is corrupt, and one whose disk hangs, read by
 * a task that is cancelled meanwhile. Exercise 54.
 */
#include <stdio.h>

#include "async.h"

enum { NOT_FOUND = 1, CORRUPT = 2 };
long setting(const char *name, long fallback);

static async_value
read_slow(void *arg)
{
    (void)arg;
    long v = setting("slow", 7);
    printf("slow read %ld\n", v);
    return ASYNC_INT(v);
}

static async_value
read_one(void *arg)
{
    return ASYNC_INT(setting(arg, 99));
}

static async_value
amain(void *arg)
{
    (void)arg;
    const char *names[] = {"colour", "workers"};
    async_error e;
    async_value v;

    for (int i = 0; i < 2; i++) {
        if (async_try(read_one, (void *)names[i], &v, &e))
            printf("%s = %ld\n", names[i], v.i);
        else
            printf("%s raised code %d\n", names[i], e.code);
    }
    async_task *t = async_create_task(read_slow, NULL);
    async_sleep(0.5);
    async_cancel(t);
    const async_error *errs[1];
    async_gather_settled(&t, 1, NULL, errs);
    printf("slow read cancelled: %s\n",
           errs[0] && errs[0]->code == ASYNC_CANCELLED ? "yes" : "no");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
