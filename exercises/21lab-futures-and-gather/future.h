/* SPDX-License-Identifier: MIT */
/*
 * future.h: the lab's futures and gather, given. Your work is future.c.
 * The names start with lab_ so that nothing here clashes with the
 * runtime's async_future_* (runtime/future.c), which this lab rebuilds.
 */
#ifndef LAB_FUTURE_H
#define LAB_FUTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "loop.h"

typedef struct lab_future lab_future;

/* A done-callback: fn(f, arg) once f is done, failed or cancelled. */
typedef void lab_callback(lab_future *f, void *arg);

enum lab_state {
    LAB_PENDING,   /* no outcome yet */
    LAB_DONE,      /* has a result */
    LAB_FAILED,    /* has an error (asyncio: an exception) */
    LAB_CANCELLED, /* was cancelled */
};

/* One done-callback in a future's list (allocate one per callback). */
struct lab_cb {
    lab_callback *fn;
    void *arg;
    lab_future *f;       /* the future it belongs to */
    struct lab_cb *next; /* the next one added */
};

struct lab_future {
    enum lab_state state;
    long result;                /* when LAB_DONE */
    int error;                  /* when LAB_FAILED */
    struct lab_cb *first, *last; /* done-callbacks, in the order added */
};

/* ---- Futures ------------------------------------------------------------ */

/* lab_future_init: f is pending, with no callbacks. */
void lab_future_init(lab_future *f);

/* lab_future_done: f is no longer pending (done, failed or cancelled). */
bool lab_future_done(const lab_future *f);

/* lab_future_set_result / lab_future_set_error: f gets its outcome and
 * its done-callbacks are queued on the loop (lab_call_soon), in the
 * order they were added; none runs now. Return false, changing nothing,
 * if f is not pending (asyncio raises InvalidStateError). */
bool lab_future_set_result(lab_future *f, long result);
bool lab_future_set_error(lab_future *f, int error);

/* lab_future_cancel: a pending f becomes cancelled and its callbacks are
 * queued as above; returns true. Returns false for a future already
 * done, failed or cancelled. */
bool lab_future_cancel(lab_future *f);

/* lab_future_result: the result of a LAB_DONE future. */
long lab_future_result(const lab_future *f);

/* lab_future_add_done_callback: fn(f, arg) will run once f is done; if
 * f is done already, it is queued at once (it still does not run now). */
void lab_future_add_done_callback(lab_future *f, lab_callback *fn,
                                  void *arg);

/* lab_future_remove_done_callback: removes every callback of f added
 * with this fn and arg and not queued yet; returns how many. */
size_t lab_future_remove_done_callback(lab_future *f, lab_callback *fn,
                                       void *arg);

/* ---- Gather ------------------------------------------------------------- */

typedef struct lab_gather {
    lab_future outer;      /* done when the gather is */
    lab_future **children; /* the futures gathered, in argument order */
    long *results;         /* results[i] is children[i]'s result */
    size_t n;              /* how many children */
    size_t finished;       /* how many children are no longer pending */
} lab_gather;

/* lab_gather_new: asyncio.gather(*children) over n futures. g->outer:
 * - is done (its result: n) once every child is done, and then
 *   g->results[i] holds children[i]'s result, whatever order they
 *   finished in; with n == 0, it is done at once;
 * - fails with a child's error as soon as a child fails, or is
 *   cancelled as soon as a child is cancelled, without waiting for the
 *   others, which run on (the first to happen wins; later ones change
 *   nothing).
 * It learns of its children only through their done-callbacks. The
 * children must outlive g. Free g with lab_gather_free once the loop has
 * run what its children queued. */
lab_gather *lab_gather_new(lab_future **children, size_t n);
void lab_gather_free(lab_gather *g);

/* lab_gather_cancel: gather(...).cancel(): cancels every child still
 * pending, and returns whether there was one. The outer future is
 * cancelled when the first child's callback runs, as the rule above
 * says, not now. */
bool lab_gather_cancel(lab_gather *g);

#endif /* LAB_FUTURE_H */
