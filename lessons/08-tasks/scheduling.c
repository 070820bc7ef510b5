// SPDX-License-Identifier: MIT
/*
 * scheduling.c: two tasks that print and sleep at different paces. Their
 * lines interleave by the clock: 1 and 2 at once, then 3 at 0.2 s, 4 at
 * 0.3 s, 5 at 0.4 s; the last sleeps end at 0.6 s. Lesson 08 (tasks).
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct values {
    const int *items;
    size_t n;
    double delay;
};

static async_value
print_values(void *arg)
{
    struct values *v = arg;

    for (size_t i = 0; i < v->n; i++) {
        printf("%d\n", v->items[i]);
        async_sleep(v->delay);
    }
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static const int odd[] = {1, 3, 5}, even[] = {2, 4};
    struct values a = {odd, 3, 0.2}, b = {even, 2, 0.3};
    double start = async_time();

    async_task *task1 = async_create_task(print_values, &a);
    async_task *task2 = async_create_task(print_values, &b);
    async_await(task1);
    async_await(task2);
    printf("elapsed %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
