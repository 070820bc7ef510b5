// SPDX-License-Identifier: MIT
/*
 * puzzle.c: the program whose output exercise 15 asks you to predict:
 * tasks created, a sleep(0), an await, and a task created just before
 * main returns. Write prediction.txt before you run it.
 */
#include <stdio.h>

#include "async.h"

struct job {
    const char *name;
    double seconds;
};

static async_value
worker(void *arg)
{
    struct job *j = arg;

    printf("%s starts\n", j->name);
    async_sleep(j->seconds);
    printf("%s ends\n", j->name);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct job a = {"A", 0.2}, b = {"B", 0.1}, c = {"C", 5};
    static struct job d = {"D", 0.1};

    printf("main starts\n");
    async_task *ta = async_create_task(worker, &a);
    async_create_task(worker, &b);
    async_create_task(worker, &c);
    printf("tasks created\n");
    async_sleep(0);
    printf("main after sleep(0)\n");
    async_await(ta);
    printf("main awaited A\n");
    async_create_task(worker, &d);
    printf("main returns\n");
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("elapsed %.2f s\n", async_time() - start);
    return 0;
}
