// SPDX-License-Identifier: MIT
/*
 * g_awaits_f.c: one coroutine awaiting another. g pauses at the call to f
 * for as long as f sleeps, and gets f's result back as a return value.
 * Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
f(void *arg)
{
    (void)arg;
    async_sleep(1);
    return ASYNC_PTR("result of f");
}

static async_value
g(void *arg)
{
    (void)arg;
    /* Pause here, let others run while f sleeps, come back with its value. */
    async_value r = f(NULL);
    return r;
}

int
main(void)
{
    printf("%s\n", (const char *)async_run(g, NULL).p);
    return 0;
}
