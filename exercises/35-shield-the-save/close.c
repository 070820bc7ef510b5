// SPDX-License-Identifier: MIT
/*
 * Exercise 35: shield the save.
 *
 * The idea (lesson 17, cancellation):
 *   1. Cancelling a task that awaits another task cancels that one too
 *      (asyncio does the same): a save awaited by a cancelled task is
 *      cut off in the middle.
 *   2. async_shield(t) (Python: await asyncio.shield(t)) waits for t as
 *      async_await does; but if the waiter is cancelled, only the waiter
 *      unwinds, and t runs on to its end.
 *   3. The shield protects a task: the work must be a task of its own
 *      (async_create_task). Called inline, it runs in the waiter's task
 *      and is cut off with it.
 *   4. The waiter itself is still cancelled: it runs no code after its
 *      wait, only its cleanup handlers.
 *
 * Your task: close_document saves the document, waits for the save,
 * then closes it. The user may quit at any moment, which cancels
 * close_document; the save must still complete, every block of it. Here
 * report.txt closes normally; closing notes.txt is cancelled 0.25 s in,
 * and its save still writes all 4 blocks.
 *
 * Check it: make grade EX=35    Stuck? python3 grader/grade.py --hint 35
 */
#include <stdio.h>

#include "async.h"

struct doc {
    const char *name; /* the file */
    int blocks;       /* blocks to write */
    int written;      /* blocks on disk so far */
};

/* save_cut: save's cleanup handler; arg is the struct doc. */
void
save_cut(void *arg)
{
    struct doc *d = arg;
    printf("%s: save cut off after %d of %d blocks\n", d->name, d->written,
           d->blocks);
}

/* save: a task's function (arg: a struct doc *): writes d's blocks one
 * by one, 0.1 s each. */
async_value
save(void *arg)
{
    struct doc *d = arg;

    async_cleanup_push(save_cut, d);
    while (d->written < d->blocks) {
        async_sleep(0.1);
        d->written++;
    }
    async_cleanup_pop(false);
    printf("%s: saved %d blocks\n", d->name, d->written);
    return ASYNC_INT(d->written);
}

/* close_cut: close_document's cleanup handler. */
void
close_cut(void *arg)
{
    struct doc *d = arg;
    printf("%s: close cancelled\n", d->name);
}

/* close_document: a task's function (arg: a struct doc *): saves d,
 * waits for the save, then closes d. */
async_value
close_document(void *arg)
{
    struct doc *d = arg;

    printf("%s: closing\n", d->name);
    async_cleanup_push(close_cut, d);
    /* TODO: run save(d) and wait for it to end, in such a way that
     * cancelling close_document does not cut the save off. */
    TODO("save d, and wait for the save to end, whatever happens to us");
    async_cleanup_pop(false);
    printf("%s: closed\n", d->name);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct doc report = {"report.txt", 3, 0};
    static struct doc notes = {"notes.txt", 4, 0};

    async_await(async_create_task(close_document, &report));
    async_task *t = async_create_task(close_document, &notes);
    async_sleep(0.25);
    puts("user: quit!");
    async_cancel(t);
    async_sleep(1); /* long enough for any save to end */
    printf("%s: %d of %d blocks on disk\n", notes.name, notes.written,
           notes.blocks);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
