// SPDX-License-Identifier: MIT
/*
 * propagate.c: an error raised three tasks down reaches main. Each level
 * runs its cleanup handler on the way up, as a `finally` does; main
 * catches the error with async_try and reads its code and message.
 * Lesson 26.
 */
#include <stdio.h>

#include "async.h"

enum { DISK_FULL = 28 };

static double start;

static void
say(const char *text)
{
    printf("%.2f s  %s\n", async_time() - start, text);
}

static void
cleanup(void *arg)
{
    say(arg);
}

/* The bottom level: saves, and fails. */
static async_value
save(void *arg)
{
    async_cleanup_push(cleanup, "save: file closed");
    async_sleep(0.2);
    async_raise(DISK_FULL, "disk full writing %s", (const char *)arg);
}

static async_value
handle(void *arg)
{
    async_cleanup_push(cleanup, "handle: lock released");
    async_value v = async_await(async_create_task(save, arg));
    async_cleanup_pop(true); /* never reached: the await raised */
    say("handle: saved");
    return v;
}

static async_value
request(void *arg)
{
    async_cleanup_push(cleanup, "request: connection closed");
    async_value v = async_await(async_create_task(handle, arg));
    async_cleanup_pop(true);
    return v;
}

static async_value
await_task(void *t)
{
    return async_await((async_task *)t);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    async_task *t = async_create_task(request, "report.txt");
    async_error e;

    if (!async_try(await_task, t, NULL, &e))
        printf("%.2f s  main caught: %s (code %d)\n", async_time() - start,
               e.message, e.code);
    printf("request failed: %s\n", async_task_failed(t) ? "yes" : "no");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
