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
    struct lab_waiter *w = malloc(sizeof *w);

    assert(w != NULL);
    *w = (struct lab_waiter){.f = async_future_new()};
    if (line->last != NULL)
        line->last->next = w;
    else
        line->first = w;
    line->last = w;
    line->count++;
    async_future_await(w->f); /* a cancelled task unwinds from here */
}

bool
lab_line_wake_first(struct lab_line *line)
{
    while (line->first != NULL) {
        struct lab_waiter *w = line->first;
        bool waiting = !async_future_done(w->f);

        line->first = w->next;
        if (line->first == NULL)
            line->last = NULL;
        line->count--;
        if (waiting)
            async_future_set_result(w->f, ASYNC_NONE);
        free(w);
        if (waiting)
            return true;
    }
    return false;
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
    if (s->value > 0) {
        s->value--;
        return;
    }
    lab_line_wait(&s->line); /* woken holding the place release handed */
}

void
lab_semaphore_release(lab_semaphore *s)
{
    if (!lab_line_wake_first(&s->line))
        s->value++;
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
    while (q->count == q->maxsize)
        lab_line_wait(&q->putters);
    q->items[(q->head + q->count) % q->maxsize] = v;
    q->count++;
    lab_line_wake_first(&q->getters);
}

long
lab_queue_get(lab_queue *q)
{
    while (q->count == 0)
        lab_line_wait(&q->getters);
    long v = q->items[q->head];
    q->head = (q->head + 1) % q->maxsize;
    q->count--;
    lab_line_wake_first(&q->putters);
    return v;
}
