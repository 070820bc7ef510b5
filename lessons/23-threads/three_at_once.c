// SPDX-License-Identifier: MIT
/*
 * three_at_once.c: three blocking calls, each on its own worker thread,
 * wait at the same time: 1 s, 2 s and 3 s of waiting take 3 s, not 6 s.
 * Lesson 23 (threads for blocking calls).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

struct file {
    const char *name; /* what to compress */
    unsigned secs;    /* how long the library takes over it */
};

static double start;

/* compress: a blocking library call; returns the compressed size. */
static async_value
compress(void *arg)
{
    struct file *f = arg;

    sleep(f->secs);
    return ASYNC_INT(1000 * f->secs);
}

static async_value
job(void *arg)
{
    struct file *f = arg;

    printf("%s: %u s of work, on a thread\n", f->name, f->secs);
    long size = async_to_thread(compress, f).i;
    printf("%s: %ld bytes at %.2f s\n", f->name, size, async_time() - start);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct file files[3] = {{"c.log", 3}, {"a.log", 1}, {"b.log", 2}};
    void *args[3] = {&files[0], &files[1], &files[2]};

    start = async_time();
    async_gather_fn(job, args, 3, NULL);
    printf("all three in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
