// SPDX-License-Identifier: MIT
/*
 * Exercise 26: let the spinner spin.
 *
 * The idea (lesson 13, starvation):
 *   1. The loop never takes the CPU from a task: a task runs until it
 *      suspends. Computing is not suspending.
 *   2. So a task that renders every frame in one go starves the others:
 *      the spinner, ready all along, gets no turn until the end.
 *   3. async_sleep(0) suspends for no time at all: the task goes to the
 *      back of the ready queue, and every task that was ready runs first.
 *          render_frame(i);  async_sleep(0);   // one frame, then a turn
 *
 * Your task: render_frames draws all its frames without a pause, so the
 * spinner prints only once, at the end. Make it give the loop back after
 * each frame, so that the output alternates "frame 1 rendered",
 * "spinner: 1 of 4 frames", "frame 2 rendered", ... and the run still
 * takes no (virtual) time at all.
 *
 * Check it: make grade EX=26    Stuck? python3 grader/grade.py --hint 26
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

int frames_done; /* read by the spinner */

/* render_frame: real work (a checksum of a fake image); no waiting. */
static unsigned long
render_frame(int frame)
{
    unsigned long h = 5381;
    for (int px = 0; px < 200000; px++)
        h = h * 33 + (unsigned long)(px ^ frame);
    return h;
}

/* render_frames: renders frames 1..n, counting them in frames_done. A
 * coroutine function: call it from a task. */
void
render_frames(int n)
{
    for (int i = 1; i <= n; i++) {
        render_frame(i);
        frames_done = i;
        printf("frame %d rendered\n", i);
        /* Why: sleep(0) lets every ready task have a turn, at no cost. */
        sleep(0); /* libc: the loop never hears of it */
    }
}

static async_value
renderer(void *arg)
{
    render_frames((int)(long)arg);
    return ASYNC_NONE;
}

/* spinner: reports progress each time it gets a turn, until all done. */
static async_value
spinner(void *arg)
{
    int total = (int)(long)arg;

    for (;;) {
        printf("spinner: %d of %d frames\n", frames_done, total);
        if (frames_done == total)
            return ASYNC_NONE;
        async_sleep(0);
    }
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(renderer, (void *)4L),
                        async_create_task(spinner, (void *)4L)};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
