// SPDX-License-Identifier: MIT
/*
 * outside_task.c: awaiting outside any task. Python refuses `await`
 * outside `async def` when it compiles; C cannot tell, so the runtime
 * stops the program when it happens and says why. Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

int
main(void)
{
    printf("about to sleep outside a task\n");
    async_sleep(1); /* no task is running: there is no one to suspend */
    printf("never printed\n");
    return 0;
}
