// SPDX-License-Identifier: MIT
/*
 * Exercise 16: await the tasks you start.
 *
 * The idea (lesson 08, tasks and their order):
 *   1. async_create_task starts work that runs while its creator waits
 *      for something; it does not wait for the task.
 *   2. async_await(t) suspends the caller until t is done and returns
 *      t's result (.i for an integer).
 *   3. When main returns, async_run cancels every task still pending:
 *      work nobody awaited is cut off in the middle.
 *   4. Start all the tasks first, then await them: they overlap. Awaiting
 *      each one right after creating it makes them run one by one.
 *
 * Your task: backup_all starts a save task per file but never awaits
 * them, so the saves are cut off and the total is 0. Make it wait for
 * every save and return the sum of the bytes they report. The program
 * must print every "saved" line and "total 600 bytes" within 0.40 s
 * (the saves overlap; one after another they take 0.90 s).
 *
 * Check it: make grade EX=16    Stuck? python3 grader/grade.py --hint 16
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct file {
    const char *name;
    long bytes;
    double seconds; /* how long saving it takes */
};

/* save: pretends to write f to disk; returns the bytes written. */
static async_value
save(void *arg)
{
    struct file *f = arg;

    printf("saving %s\n", f->name);
    async_sleep(f->seconds);
    printf("saved %s\n", f->name);
    return ASYNC_INT(f->bytes);
}

/* backup_all: saves the n files concurrently and returns the total bytes.
 * Call it from a task. */
long
backup_all(struct file *files, size_t n)
{
    async_task *tasks[16];
    long total = 0;

    for (size_t i = 0; i < n; i++)
        tasks[i] = async_create_task(save, &files[i]);
    /* Why: all were started above, so awaiting in turn loses no time. */
    for (size_t i = 0; i < n; i++)
        total += async_await(tasks[i]).i;
    return total;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct file files[] = {
        {"notes.txt", 100, 0.3},
        {"photo.png", 300, 0.2},
        {"song.mp3", 200, 0.4},
    };

    printf("total %ld bytes\n", backup_all(files, 3));
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("done in %.2f s\n", async_time() - start);
    return 0;
}
