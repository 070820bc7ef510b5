// SPDX-License-Identifier: MIT
/*
 * close_early.c: a generator that holds a resource releases it in a
 * cleanup handler. Read to the end, the handler runs when the body
 * finishes; closed after two values, async_gen_close runs it instead of
 * the rest of the body. Lesson 15 (async generators).
 */
#include <stdio.h>

#include "async.h"

struct source {
    const char *name; /* what it reads from */
    long lines;       /* how many lines it has */
};

static void
close_source(void *arg)
{
    struct source *s = arg;
    printf("  %s: closed\n", s->name);
}

/* Yields the source's lines one by one; reading each takes 0.1 s. */
static void
read_lines(async_gen *g, void *arg)
{
    struct source *s = arg;

    printf("  %s: opened\n", s->name);
    async_cleanup_push(close_source, s); /* Python: try: ... finally: */
    for (long i = 1; i <= s->lines; i++) {
        async_sleep(0.1);
        async_yield(g, ASYNC_INT(i));
    }
    async_cleanup_pop(true); /* the end: close it now */
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct source log = {"log.txt", 4};

    puts("read everything:");
    async_gen *g = async_gen_new(read_lines, &log);
    async_for (v, g)
        printf("  line %ld\n", v.i);
    async_gen_close(g);

    puts("stop after two lines:");
    g = async_gen_new(read_lines, &log);
    async_for (v, g) {
        printf("  line %ld\n", v.i);
        if (v.i == 2)
            break;
    }
    async_gen_close(g); /* runs close_source, not the rest of the loop */
    puts("done");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
