// SPDX-License-Identifier: MIT
/*
 * driver.c: closes other documents with the student's close_document and
 * quits at other moments: before the close starts (nothing is saved),
 * just after the save began, late in the save, and after the close.
 * Exercise 35.
 */
#include <stdio.h>

#include "async.h"

struct doc {
    const char *name;
    int blocks;
    int written;
};

async_value close_document(void *arg);

/* Closes d and cancels the close after `at` seconds (at once if at < 0),
 * then looks at the disk once every save must have ended. */
static void
quit_at(struct doc *d, double at)
{
    double start = async_time();
    async_task *t = async_create_task(close_document, d);

    if (at >= 0)
        async_sleep(at);
    printf("quit at %.2f s: %s\n", at < 0 ? 0 : at,
           async_cancel(t) ? "cancels the close" : "too late, closed");
    async_sleep(2);
    printf("%s: %d of %d blocks on disk (%.2f s)\n", d->name, d->written,
           d->blocks, async_time() - start);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct doc docs[] = {
        {"a.txt", 2, 0}, {"b.txt", 5, 0}, {"c.txt", 5, 0}, {"d.txt", 2, 0},
    };

    quit_at(&docs[0], -1);
    quit_at(&docs[1], 0.05);
    quit_at(&docs[2], 0.45);
    quit_at(&docs[3], 0.5);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
