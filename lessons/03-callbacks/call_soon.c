// SPDX-License-Identifier: MIT
/*
 * call_soon.c: handing callbacks to the event loop. call_soon runs one on
 * the next turn of the loop, call_later after a delay; the loop runs them
 * one by one until a callback stops it. Lesson 03 (callbacks).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when the loop started */

static void
say(void *arg)
{
    printf("%4.2f s  %s\n", async_time() - start, (const char *)arg);
}

/* A callback may hand the loop more callbacks; this one waits for the
 * loop's next turn, behind every callback already queued. */
static void
say_and_add(void *arg)
{
    say(arg);
    async_call_soon(say, "soon: added by the first");
}

static void
stop(void *loop)
{
    say("stop the loop");
    async_loop_stop(loop);
}

int
main(void)
{
    async_loop *loop = async_loop_new();

    start = async_time();
    async_call_later(1.0, say, "later: after 1 s");
    async_call_later(0.5, say, "later: after 0.5 s");
    async_call_soon(say_and_add, "soon: first");
    async_call_soon(say, "soon: second");
    async_call_later(1.5, stop, loop);
    printf("five callbacks handed over, none has run yet\n");

    async_loop_run_forever(loop); /* returns once stop() has run */
    printf("run_forever returned\n");
    async_loop_close(loop);
    return 0;
}
