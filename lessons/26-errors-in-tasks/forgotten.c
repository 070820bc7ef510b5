// SPDX-License-Identifier: MIT
/*
 * forgotten.c: fire and forget. main starts a task to send a receipt and
 * never looks at it again; the task fails, and nothing in the program's
 * output says so. Debug mode (ASYNC_DEBUG=1, as the grader runs) names
 * it as the loop closes: a failed task whose error nobody retrieved.
 * Lesson 26.
 */
#include <stdio.h>

#include "async.h"

enum { SMTP_DOWN = 5 };

static async_value
send_receipt(void *arg)
{
    async_sleep(0.1);
    async_raise(SMTP_DOWN, "receipt for %s: mail server down",
                (const char *)arg);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_create_task(send_receipt, "order 17"); /* and forgotten */
    printf("order 17 placed\n");
    async_sleep(0.5);
    printf("done: nothing seemed to go wrong\n");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
