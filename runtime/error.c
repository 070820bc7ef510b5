// SPDX-License-Identifier: MIT
/*
 * error.c: asyncio's exceptions, as far as C needs them. An error is a
 * code and a message; raising one unwinds the stack as a cancellation
 * does (unwind.c); a task that nothing catches ends failed, keeping its
 * error for whoever awaits it. async_try, a catch frame around one call,
 * stops errors and cancellations alike. Lesson 26 (errors in tasks).
 */
#include <stdarg.h>

#include "internal.h"

_Thread_local async_error error_raising;

/* error_raise: raise e (copied: its frame may go) on the running stack. */
_Noreturn void
error_raise(const async_error *e)
{
    struct unwind *u = unwind_here();
    if (async_current_task() == NULL || u == NULL)
        fatal("error raised outside any task, where nothing can catch it: "
              "%s (code %d); raise errors, and read a failed future's "
              "result, only in tasks", e->message, e->code);
    if (e != &error_raising)
        error_raising = *e;
    unwind_raise(u, e->code == ASYNC_CANCELLED ? UNWIND_CANCEL : UNWIND_ERROR);
}

_Noreturn void
async_raise(int code, const char *fmt, ...)
{
    va_list ap;
    task_running("async_raise");
    if (code == 0)
        fatal("async_raise: code 0 means no error; give each kind of error "
              "a number of its own");
    error_raising.code = code;
    va_start(ap, fmt);
    vsnprintf(error_raising.message, sizeof error_raising.message, fmt, ap);
    va_end(ap);
    error_raise(&error_raising);
}

_Noreturn void
async_reraise(const async_error *err)
{
    task_running("async_reraise");
    error_raise(err);
}

bool
async_try(async_fn *body, void *arg, async_value *out, async_error *err)
{
    task_running("async_try");
    struct unwind *u = unwind_here();
    struct catch_frame f;

    catch_push(u, &f, 0);
    if (setjmp(f.jb) != 0) {
        if (u->raising == UNWIND_CLOSE) /* GeneratorExit: let it go on */
            unwind_raise(u, UNWIND_CLOSE);
        if (err != NULL && u->raising == UNWIND_ERROR)
            *err = error_raising;
        else if (err != NULL)
            *err = (async_error){ASYNC_CANCELLED, "cancelled"};
        return false;
    }
    async_value v = body(arg);
    catch_pop(u, &f);
    if (out != NULL)
        *out = v;
    return true;
}

/* task_raise_outcome: t ended cancelled or failed: raise the same in the
 * running task, as `await t` re-raises; outside a task, say so. */
_Noreturn void
task_raise_outcome(async_task *t)
{
    t->awaited = 1;
    if (async_current_task() == NULL)
        fatal("task '%s' %s%s; read it with async_task_error instead of "
              "its result", t->name, t->fut.state == FUTURE_CANCELLED
              ? "was cancelled" : "failed: ", t->fut.state ==
              FUTURE_CANCELLED ? "" : t->error.message);
    if (t->fut.state == FUTURE_CANCELLED)
        task_unwind(async_current_task());
    error_raise(&t->error);
}

bool
async_task_done(async_task *t)
{
    return task_live(t, "async_done")->fut.state != FUTURE_PENDING;
}

bool
async_task_cancelled(async_task *t)
{
    task_live(t, "async_task_cancelled")->awaited = 1; /* it looked */
    return t->fut.state == FUTURE_CANCELLED;
}

const async_error *
async_task_error(async_task *t)
{
    task_live(t, "async_task_error")->awaited = 1; /* retrieved */
    return t->fut.state == FUTURE_FAILED ? &t->error : NULL;
}

bool
async_task_failed(async_task *t)
{
    return async_task_error(t) != NULL;
}

int
async_task_cancelling(async_task *t)
{
    return task_live(t, "async_task_cancelling")->cancels;
}

int
async_task_uncancel(async_task *t)
{
    return task_uncancel(task_live(t, "async_task_uncancel"));
}
