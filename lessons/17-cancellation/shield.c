// SPDX-License-Identifier: MIT
/*
 * shield.c: a save that must not be cut in half. A user quits while a
 * save of four blocks is under way, and the quitting task is cancelled.
 * Awaited plainly, the save is cancelled with it and the file is left
 * half written; awaited through async_shield, only the waiter unwinds
 * and the save runs on to its end. Lesson 17 (cancellation).
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

static double start; /* when the current round began, in loop time */

struct file {
    int blocks;         /* blocks to write */
    int written;        /* blocks written so far */
    bool shielded;      /* the quitter waits through async_shield */
    async_task *saving; /* the save task, once started */
};

static double
now(void)
{
    return async_time() - start;
}

static void
save_cut(void *arg)
{
    struct file *f = arg;
    printf("%.2f s  save: cut off after %d of %d blocks\n", now(),
           f->written, f->blocks);
}

/* Writes the file one block at a time, 0.1 s a block. */
static async_value
save(void *arg)
{
    struct file *f = arg;

    async_cleanup_push(save_cut, f);
    while (f->written < f->blocks) {
        async_sleep(0.1);
        printf("%.2f s  save: block %d written\n", now(), ++f->written);
    }
    async_cleanup_pop(false);
    return ASYNC_INT(f->written);
}

static void
quit_cut(void *arg)
{
    (void)arg;
    printf("%.2f s  quit: cancelled while it waited for the save\n", now());
}

/* Saves the file, waits for the save, then leaves. */
static async_value
quit(void *arg)
{
    struct file *f = arg;

    f->saving = async_create_task(save, f);
    async_cleanup_push(quit_cut, f);
    if (f->shielded)
        async_shield(f->saving);
    else
        async_await(f->saving);
    async_cleanup_pop(false);
    printf("%.2f s  quit: saved, bye\n", now()); /* never printed here */
    return ASYNC_NONE;
}

/* Cancels a quit 0.25 s in, then looks at the file a second later. */
static void
round_of(struct file *f)
{
    start = async_time();
    async_task *q = async_create_task(quit, f);
    async_sleep(0.25);
    printf("%.2f s  main: cancel quit\n", now());
    async_cancel(q);
    async_sleep(1);
    printf("%.2f s  main: the file has %d of %d blocks: %s\n", now(),
           f->written, f->blocks,
           f->written == f->blocks ? "intact" : "corrupt");
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct file plain = {4, 0, false, NULL}, shielded = {4, 0, true, NULL};

    puts("awaited plainly:");
    round_of(&plain);
    puts("awaited through a shield:");
    round_of(&shielded);
    printf("main: the save returned %ld\n",
           async_await(shielded.saving).i); /* done, so no wait */
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
