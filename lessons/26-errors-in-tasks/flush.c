// SPDX-License-Identifier: MIT
/*
 * flush.c: a cancellation caught, and raised again once the work that
 * must not be lost is saved. A cleanup handler cannot do this: it must
 * not suspend, and saving takes time. Lesson 26.
 */
#include <stdio.h>

#include "async.h"

static double start;
static int unsaved; /* edits not on disk yet */

static void
say(const char *text)
{
    printf("%.2f s  %s (%d unsaved)\n", async_time() - start, text, unsaved);
}

static async_value
edit(void *arg)
{
    (void)arg;
    while (unsaved < 1000) {
        async_sleep(0.3);
        unsaved++;
        say("editor: one more edit");
    }
    return ASYNC_NONE;
}

static async_value
editor(void *arg)
{
    async_error e;

    if (async_try(edit, arg, NULL, &e)) /* try: await edit() */
        return ASYNC_NONE;
    say("editor: stopping, saving first"); /* except CancelledError: */
    async_sleep(0.2);                      /*     await save() */
    unsaved = 0;
    say("editor: saved");
    async_reraise(&e);                     /*     raise */
}

static async_value
main_task(void *arg)
{
    (void)arg;
    const async_error *e[1];

    start = async_time();
    async_task *t = async_create_task(editor, NULL);
    async_sleep(1.0);
    async_cancel(t);
    async_gather_settled(&t, 1, NULL, e);
    say(e[0] && e[0]->code == ASYNC_CANCELLED ? "main: editor cancelled"
                                              : "main: editor returned");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
