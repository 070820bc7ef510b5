// SPDX-License-Identifier: MIT
/*
 * await_add.c: a coroutine function that adds two numbers, awaited from
 * main for its result. In C, awaiting a coroutine function is calling it
 * from inside a task. Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

struct pair {
    long a, b; /* the two numbers; async_fn takes one void *, so a struct */
};

static async_value
add_numbers(void *arg)
{
    const struct pair *p = arg;
    return ASYNC_INT(p->a + p->b);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    printf("%ld\n", add_numbers(&(struct pair){2, 10}).i); /* await */
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
