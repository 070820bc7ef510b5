// SPDX-License-Identifier: MIT
/*
 * happy_eyeballs.c: a staggered race. Try the first address; if it has
 * not connected within 0.25 s, or as soon as it fails, start the next
 * one too, and so on; the first to connect wins and the others are
 * cancelled. A slow first address then costs 0.25 s, not its whole
 * delay. It is how asyncio's create_connection(happy_eyeballs_delay=)
 * connects (RFC 8305). Lesson 25 (waiting for the first).
 */
#include <stdio.h>

#include "async.h"

#define MAX_ADDRS 8

static double start; /* when main began */

/* now: seconds since main began, as the lesson prints them. */
static double
now(void)
{
    return async_time() - start;
}

struct attempt {
    const char *addr; /* where to connect */
    double takes;     /* seconds until it connects or is refused */
    int ok;           /* connects (1) or is refused (0) */
};

static void
abandoned(void *addr)
{
    printf("%.2f s  %s abandoned\n", now(), (const char *)addr);
}

static async_value
try_connect(void *arg)
{
    struct attempt *a = arg;

    printf("%.2f s  trying %s\n", now(), a->addr);
    async_cleanup_push(abandoned, (void *)a->addr);
    async_sleep(a->takes);
    async_cleanup_pop(false);
    printf("%.2f s  %s %s\n", now(), a->addr,
           a->ok ? "connected" : "refused");
    return ASYNC_INT(a->ok);
}

/* Returns the attempt that connected first, or NULL. */
static async_task *
staggered(struct attempt *a, size_t n, double delay)
{
    async_task *live[MAX_ADDRS], *winner = NULL;
    size_t nlive = 0, next = 0;

    while (winner == NULL && (next < n || nlive > 0)) {
        if (next < n) {
            live[nlive++] =
                async_create_task_named(try_connect, &a[next], a[next].addr);
            next++;
        }
        /* the last attempt started: no reason to time out any more */
        async_wait_sets s = async_wait(live, nlive, ASYNC_FIRST_COMPLETED,
                                       next < n ? delay : -1);
        for (size_t i = 0; i < s.ndone; i++)
            if (winner == NULL && async_result(s.done[i]).i)
                winner = s.done[i];
        nlive = 0;
        for (size_t i = 0; i < s.npending; i++)
            live[nlive++] = s.pending[i];
        async_wait_sets_free(&s); /* a loop frees each result once done */
    }
    for (size_t i = 0; i < nlive; i++)
        async_cancel(live[i]);
    if (nlive > 0)
        async_wait(live, nlive, ASYNC_ALL_COMPLETED, -1);
    return winner;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    struct attempt addrs[] = {
        {"10.0.0.1", 1.00, 1}, /* slow, but would connect */
        {"10.0.0.2", 0.10, 0}, /* refused */
        {"10.0.0.3", 0.20, 1}, /* quick */
    };
    async_task *w = staggered(addrs, 3, 0.25);
    printf("%.2f s  using %s\n", now(),
           w != NULL ? async_task_name(w) : "none");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
