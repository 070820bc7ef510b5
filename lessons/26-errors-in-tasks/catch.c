// SPDX-License-Identifier: MIT
/*
 * catch.c: catching one kind of error and letting the others go on. A
 * cache lookup that misses is handled (ask the origin server instead);
 * a broken cache is not the lookup's business, so it is raised again, to
 * whoever can decide. Lesson 26.
 */
#include <stdio.h>
#include <string.h>

#include "async.h"

enum { MISS = 1, CACHE_BROKEN = 2 };

static async_value
cache_get(void *arg)
{
    const char *key = arg;

    async_sleep(0.01);
    if (strcmp(key, "home") == 0)
        return ASYNC_INT(1);
    if (strcmp(key, "cart") == 0)
        async_raise(CACHE_BROKEN, "cache: connection reset");
    async_raise(MISS, "%s: not cached", key);
}

/* page: try the cache; on a miss (and only then), the origin. */
static long
page(const char *key)
{
    async_value v;
    async_error e;

    if (async_try(cache_get, (void *)key, &v, &e)) {
        printf("%s: from the cache\n", key);
        return v.i;
    }
    if (e.code != MISS)      /* except Miss: ... anything else goes on */
        async_reraise(&e);
    async_sleep(0.2);        /* the origin is slower */
    printf("%s: from the origin (%s)\n", key, e.message);
    return 2;
}

static async_value
serve(void *arg)
{
    return ASYNC_INT(page(arg));
}

static async_value
main_task(void *arg)
{
    (void)arg;
    const char *keys[] = {"home", "news", "cart"};
    async_error e;

    for (int i = 0; i < 3; i++)
        if (!async_try(serve, (void *)keys[i], NULL, &e))
            printf("%s: error page, %s (code %d)\n", keys[i], e.message,
                   e.code);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
