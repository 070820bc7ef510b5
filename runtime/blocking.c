// SPDX-License-Identifier: MIT
/*
 * blocking.c: libc's sleep, usleep and nanosleep, wrapped at link time
 * (-Wl,--wrap=...: the Makefile and the grader). A sleep in a task freezes
 * the loop: these still sleep, but trace the call, name it in debug mode,
 * and under the virtual clock take no real time (clock_slept; lesson 14).
 */
#define _DEFAULT_SOURCE /* usleep */
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* Weak: libasync.a is one object (see the Makefile), so a program linked
 * without --wrap gets these wrappers too, never called, and needs no such
 * names from libc. */
#define WEAK __attribute__((weak))
WEAK unsigned int __real_sleep(unsigned int seconds);
WEAK int __real_usleep(useconds_t usec);
WEAK int __real_nanosleep(const struct timespec *req, struct timespec *rem);

/* A libc sleep of seconds. In a task it blocks the whole loop: trace it,
 * and in debug mode say so; in a worker or the program's own thread it is
 * no fault. 1 if the virtual clock took it (clock_slept), 0: really sleep. */
static int
blocking_call(const char *call, double seconds)
{
    static int warned;
    if (on_worker_thread)
        return clock_slept(seconds);
    if (thread_foreign()) /* the program's own thread: no loop, no clock */
        return 0;
    async_task *t = async_current_task();
    config_load();
    if (t != NULL) {
        TRACE("blocking_call", t, ",\"call\":\"%s\",\"seconds\":%.6f", call,
              seconds);
        if (config.debug && warned++ < 3)
            fprintf(stderr,
                    "asyncbook: task '%s' called %s(), which blocks the "
                    "whole loop for %g s: no other task runs meanwhile. "
                    "Use async_sleep(%g) instead.\n",
                    t->name, call, seconds, seconds);
    }
    return clock_slept(seconds);
}

unsigned int
__wrap_sleep(unsigned int seconds)
{
    return blocking_call("sleep", seconds) ? 0 : __real_sleep(seconds);
}

int
__wrap_usleep(useconds_t usec)
{
    return blocking_call("usleep", usec / 1e6) ? 0 : __real_usleep(usec);
}

int
__wrap_nanosleep(const struct timespec *req, struct timespec *rem)
{
    if (req == NULL || req->tv_sec < 0 || req->tv_nsec < 0 ||
        req->tv_nsec > 999999999L) /* EFAULT or EINVAL, without a sleep */
        return __real_nanosleep(req, rem);
    double s = req->tv_sec + req->tv_nsec / 1e9;
    return blocking_call("nanosleep", s) ? 0 : __real_nanosleep(req, rem);
}
