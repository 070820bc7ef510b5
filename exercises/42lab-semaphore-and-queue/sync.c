/* SPDX-License-Identifier: MIT */
/*
 * sync.c: a line of waiters, then a semaphore and a bounded queue on it,
 * on the runtime's tasks and futures. The lab's text (README.md) says
 * what each part must do; sync.h gives the API; `make run EX=42lab` runs
 * the tests (tests.c). The runtime's own are runtime/waitq.c,
 * runtime/semaphore.c and runtime/queue.c: read them once your tests
 * pass.
 */
#include <assert.h>
#include <stdlib.h>

#include "sync.h"

/* ---- Part 1: a line of waiters ------------------------------------------ */

void
lab_line_wait(struct lab_line *line)
{
    (void)line;
    TODO("part 1: lab_line_wait: a future of your own, at the back of "
         "the line, awaited");
}

bool
lab_line_wake_first(struct lab_line *line)
{
    (void)line;
    TODO("part 1: lab_line_wake_first");
}

/* ---- Part 2: a semaphore ------------------------------------------------ */

void
lab_semaphore_init(lab_semaphore *s, long value)
{
    assert(value >= 0);
    *s = (lab_semaphore){.value = value};
}

void
lab_semaphore_acquire(lab_semaphore *s)
{
    (void)s;
    TODO("part 2: lab_semaphore_acquire");
}

void
lab_semaphore_release(lab_semaphore *s)
{
    (void)s;
    TODO("part 2: lab_semaphore_release");
}

/* ---- Part 3: a bounded queue -------------------------------------------- */

void
lab_queue_init(lab_queue *q, size_t maxsize)
{
    assert(maxsize >= 1);
    *q = (lab_queue){.maxsize = maxsize};
    q->items = calloc(maxsize, sizeof *q->items);
    assert(q->items != NULL);
}

void
lab_queue_free(lab_queue *q)
{
    free(q->items);
    q->items = NULL;
}

void
lab_queue_put(lab_queue *q, long v)
{
    (void)q, (void)v;
    TODO("part 3: lab_queue_put");
}

long
lab_queue_get(lab_queue *q)
{
    (void)q;
    TODO("part 3: lab_queue_get");
}
