// SPDX-License-Identifier: MIT
/*
 * coroutine_type.c: what things are. hello is a coroutine function (its
 * type is async_fn); handing it to async_create_task gives a task, which
 * has not run yet. _Generic asks the compiler for the types.
 * Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

#define TYPE_NAME(x)                                  \
    _Generic((x), async_fn *: "async_fn *",           \
             async_task *: "async_task *",            \
             async_future *: "async_future *",        \
             default: "something else")

static async_value
hello(void *arg)
{
    (void)arg;
    printf("hello runs\n");
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    printf("type of hello: %s\n", TYPE_NAME(hello));
    async_task *t = async_create_task(hello, NULL);
    printf("type of async_create_task(hello, NULL): %s\n", TYPE_NAME(t));
    printf("has it run? %s\n", async_done(t) ? "yes" : "no");
    async_await(t);
    printf("has it run? %s\n", async_done(t) ? "yes" : "no");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
