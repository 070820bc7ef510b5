// SPDX-License-Identifier: MIT
/*
 * coroutine_object.c: Python's "coroutine object" is a function together
 * with its arguments, not yet run. In C we can hold the same two things
 * in a struct and decide later to run them. Nothing runs until the call.
 * Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
my_function(void *arg)
{
    long argument = *(long *)arg;

    printf("running with %ld\n", argument);
    return ASYNC_INT(argument * 2);
}

/* What `my_function(21)` gives in Python: what to run and with what. */
struct pending_call {
    async_fn *fn; /* the coroutine function */
    void *arg;    /* its argument */
};

static async_value
main_task(void *arg)
{
    long a = 21, b = 5;
    struct pending_call my_coroutine = {my_function, &a};

    (void)arg;
    printf("nothing ran yet\n");
    printf("%ld\n", my_coroutine.fn(my_coroutine.arg).i); /* now it runs */
    printf("%ld\n", my_function(&b).i); /* the usual one-step form */
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
