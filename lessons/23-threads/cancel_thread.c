// SPDX-License-Identifier: MIT
/*
 * cancel_thread.c: a task waiting for a thread is cancelled (here by
 * async_wait_for's timeout). The task unwinds at once; the thread cannot
 * be stopped, so it runs on to the end of its call, and what it did stays
 * done. Lesson 23 (threads for blocking calls).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

struct save {
    const char *name; /* the file */
    int written;      /* set by the thread when the file is on disk */
};

static double start;

/* save_file: a blocking library call that takes 2 s. The thread, not the
 * loop, writes s->written; nobody reads it until the thread is done. */
static async_value
save_file(void *arg)
{
    struct save *s = arg;

    sleep(2);
    s->written = 1;
    return ASYNC_NONE;
}

static void
gave_up(void *arg)
{
    (void)arg;
    printf("saver: cancelled at %.2f s; the thread runs on\n",
           async_time() - start);
}

static async_value
saver(void *arg)
{
    struct save *s = arg;

    printf("saver: saving %s on a thread (2 s)\n", s->name);
    async_cleanup_push(gave_up, s); /* Python: except CancelledError */
    async_to_thread(save_file, s);
    async_cleanup_pop(false);
    printf("saver: saved at %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct save s = {"notes.txt", 0};

    start = async_time();
    async_task *t = async_create_task(saver, &s);
    if (!async_wait_for(t, 0.5, NULL))
        printf("main: gave up waiting at %.2f s\n", async_time() - start);
    async_sleep(2); /* long enough for the thread to finish */
    printf("main: at %.2f s %s is %s\n", async_time() - start, s.name,
           s.written ? "saved" : "not saved");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
