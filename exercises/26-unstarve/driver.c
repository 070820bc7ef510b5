// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's render_frames for six frames next to a
 * watcher of its own, which counts the turns it gets. Exercise 26.
 */
#include <stdio.h>

#include "async.h"

extern int frames_done;
void render_frames(int n);

static async_value
renderer(void *arg)
{
    (void)arg;
    render_frames(6);
    puts("renderer: done");
    return ASYNC_NONE;
}

static async_value
watcher(void *arg)
{
    (void)arg;
    int turns = 0;

    while (frames_done < 6) {
        turns++;
        printf("watcher: turn %d sees %d\n", turns, frames_done);
        async_sleep(0);
    }
    printf("watcher: %d turns\n", turns);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(renderer, NULL),
                        async_create_task(watcher, NULL)};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
