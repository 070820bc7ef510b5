// SPDX-License-Identifier: MIT
/*
 * deadline.c: one deadline around a block of awaits. A login is three
 * steps; async_timeout gives the whole sequence one second, not each
 * step. Cut off in its third step, the login unwinds: the handler it
 * pushed for the connection runs, and async_timeout returns false. With
 * two seconds, it finishes and keeps its connection. Lesson 18.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

static double start; /* when this login began, in loop time */

struct session {
    const char *user; /* who logs in */
    bool connected;   /* holds a connection */
};

static double
now(void)
{
    return async_time() - start;
}

static void
step(const char *what, double takes)
{
    async_sleep(takes);
    printf("%.2f s  %s\n", now(), what);
}

static void
disconnect(void *arg)
{
    struct session *s = arg;
    s->connected = false;
    printf("%.2f s  cut off: disconnected\n", now());
}

/* The body: the three steps. Only a login that fails gives back its
 * connection, so the handler is popped without running it. */
static async_value
login(void *arg)
{
    struct session *s = arg;

    step("connected", 0.3);
    s->connected = true;
    async_cleanup_push(disconnect, s);
    step("authenticated", 0.4);
    step("profile loaded", 0.5);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static void
try_login(struct session *s, double deadline)
{
    start = async_time();
    printf("login with %.1f s:\n", deadline);
    if (async_timeout(deadline, login, s, NULL))
        printf("%.2f s  welcome, %s\n", now(), s->user);
    else
        printf("%.2f s  timed out; still connected? %s\n", now(),
               s->connected ? "yes" : "no");
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct session ada = {"ada", false}, bob = {"bob", false};

    try_login(&ada, 1.0);
    try_login(&bob, 2.0);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
