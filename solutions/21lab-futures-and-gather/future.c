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
    *f = (lab_future){.state = LAB_PENDING};
}

bool
lab_future_done(const lab_future *f)
{
    return f->state != LAB_PENDING;
}

long
lab_future_result(const lab_future *f)
{
    assert(f->state == LAB_DONE);
    return f->result;
}

/* ---- Part 2: done-callbacks, through the loop ---------------------------- */

/* run_callback: what the loop calls for one queued done-callback. */
static void
run_callback(void *arg)
{
    struct lab_cb *cb = arg;

    cb->fn(cb->f, cb->arg);
    free(cb);
}

/* finish: f gets its outcome, then every callback joins the loop's
 * queue, first added first; the list is the loop's now. */
static void
finish(lab_future *f, enum lab_state state)
{
    struct lab_cb *cb = f->first, *next;

    f->state = state;
    f->first = f->last = NULL;
    for (; cb != NULL; cb = next) {
        next = cb->next;
        lab_call_soon(run_callback, cb);
    }
}

bool
lab_future_set_result(lab_future *f, long result)
{
    if (f->state != LAB_PENDING)
        return false;
    f->result = result;
    finish(f, LAB_DONE);
    return true;
}

bool
lab_future_set_error(lab_future *f, int error)
{
    if (f->state != LAB_PENDING)
        return false;
    f->error = error;
    finish(f, LAB_FAILED);
    return true;
}

void
lab_future_add_done_callback(lab_future *f, lab_callback *fn, void *arg)
{
    struct lab_cb *cb = malloc(sizeof *cb);

    assert(cb != NULL);
    *cb = (struct lab_cb){.fn = fn, .arg = arg, .f = f};
    if (f->state != LAB_PENDING) {
        lab_call_soon(run_callback, cb);
        return;
    }
    if (f->last != NULL)
        f->last->next = cb;
    else
        f->first = cb;
    f->last = cb;
}

size_t
lab_future_remove_done_callback(lab_future *f, lab_callback *fn, void *arg)
{
    struct lab_cb **p = &f->first, *prev = NULL;
    size_t removed = 0;

    while (*p != NULL) {
        struct lab_cb *cb = *p;
        if (cb->fn == fn && cb->arg == arg) {
            *p = cb->next;
            free(cb);
            removed++;
        } else {
            prev = cb;
            p = &cb->next;
        }
    }
    f->last = prev;
    return removed;
}

/* ---- Part 3: cancelling -------------------------------------------------- */

bool
lab_future_cancel(lab_future *f)
{
    if (f->state != LAB_PENDING)
        return false;
    finish(f, LAB_CANCELLED);
    return true;
}

/* ---- Part 4: gather ------------------------------------------------------- */

/* child_done: a child of g is no longer pending. The first failure or
 * cancellation ends the gather; else the last child completes it, and
 * the results are read back in argument order. */
static void
child_done(lab_future *child, void *arg)
{
    lab_gather *g = arg;

    g->finished++;
    if (lab_future_done(&g->outer))
        return; /* decided already: a failure or cancellation came first */
    if (child->state == LAB_FAILED) {
        lab_future_set_error(&g->outer, child->error);
    } else if (child->state == LAB_CANCELLED) {
        lab_future_cancel(&g->outer);
    } else if (g->finished == g->n) {
        for (size_t i = 0; i < g->n; i++)
            g->results[i] = lab_future_result(g->children[i]);
        lab_future_set_result(&g->outer, (long)g->n);
    }
}

lab_gather *
lab_gather_new(lab_future **children, size_t n)
{
    lab_gather *g = calloc(1, sizeof *g);

    assert(g != NULL);
    lab_future_init(&g->outer);
    g->n = n;
    g->children = calloc(n + 1, sizeof *g->children);
    g->results = calloc(n + 1, sizeof *g->results);
    assert(g->children != NULL && g->results != NULL);
    for (size_t i = 0; i < n; i++) {
        g->children[i] = children[i];
        lab_future_add_done_callback(children[i], child_done, g);
    }
    if (n == 0)
        lab_future_set_result(&g->outer, 0);
    return g;
}

bool
lab_gather_cancel(lab_gather *g)
{
    bool any = false;

    for (size_t i = 0; i < g->n; i++)
        any |= lab_future_cancel(g->children[i]);
    return any;
}

void
lab_gather_free(lab_gather *g)
{
    for (size_t i = 0; i < g->n; i++)
        lab_future_remove_done_callback(g->children[i], child_done, g);
    for (struct lab_cb *cb = g->outer.first, *next; cb != NULL; cb = next) {
        next = cb->next;
        free(cb);
    }
    free(g->children);
    free(g->results);
    free(g);
}
