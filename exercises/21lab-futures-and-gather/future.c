/* SPDX-License-Identifier: MIT */
/*
 * future.c: futures with done-callbacks, then gather on top of them.
 * The lab's text (README.md) says what each part must do, and in which
 * order to write them; future.h gives the API; `make run EX=21lab` runs
 * the tests (tests.c). The runtime's own are runtime/future.c and
 * runtime/gather.c: read them once your tests pass.
 */
#include <assert.h>
#include <stdlib.h>

#include "async.h" /* TODO(...) */
#include "future.h"

/* ---- Part 1: a future is set once ------------------------------------- */

void
lab_future_init(lab_future *f)
{
    (void)f;
    TODO("part 1: lab_future_init: a pending future, no callbacks");
}

bool
lab_future_done(const lab_future *f)
{
    (void)f;
    TODO("part 1: lab_future_done");
}

long
lab_future_result(const lab_future *f)
{
    assert(f->state == LAB_DONE);
    return f->result;
}

/* ---- Part 2: done-callbacks, through the loop ---------------------------- */

/* TODO (part 2): your helpers go here, as static functions. One that the
 * loop calls for a queued callback (lab_call_soon takes a function of
 * one void * argument: hand it the struct lab_cb), which calls the
 * user's function and frees the struct. One that sets a future's state
 * and hands each of its callbacks to the loop, first added first. */

bool
lab_future_set_result(lab_future *f, long result)
{
    (void)f, (void)result;
    TODO("part 1: lab_future_set_result (part 2: and queue the callbacks)");
}

bool
lab_future_set_error(lab_future *f, int error)
{
    (void)f, (void)error;
    TODO("part 1: lab_future_set_error (part 2: and queue the callbacks)");
}

void
lab_future_add_done_callback(lab_future *f, lab_callback *fn, void *arg)
{
    (void)f, (void)fn, (void)arg;
    TODO("part 2: lab_future_add_done_callback");
}

size_t
lab_future_remove_done_callback(lab_future *f, lab_callback *fn, void *arg)
{
    (void)f, (void)fn, (void)arg;
    TODO("part 2: lab_future_remove_done_callback");
}

/* ---- Part 3: cancelling -------------------------------------------------- */

bool
lab_future_cancel(lab_future *f)
{
    (void)f;
    TODO("part 3: lab_future_cancel");
}

/* ---- Part 4: gather ------------------------------------------------------- */

/* TODO (part 4): the done-callback each child gets goes here: it counts
 * the child off, and decides the outer future when it can. */

lab_gather *
lab_gather_new(lab_future **children, size_t n)
{
    (void)children, (void)n;
    TODO("part 4: lab_gather_new");
}

bool
lab_gather_cancel(lab_gather *g)
{
    (void)g;
    TODO("part 4: lab_gather_cancel");
}

void
lab_gather_free(lab_gather *g)
{
    (void)g;
    TODO("part 4: lab_gather_free: what lab_gather_new allocated");
}
