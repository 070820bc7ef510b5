/* SPDX-License-Identifier: MIT */
/*
 * loop.c: the lab's event loop, given. A queue of (fn, arg) pairs:
 * lab_call_soon appends, lab_run pops from the front and calls until the
 * queue is empty. The runtime's loop (runtime/loop.c) runs one batch per
 * iteration, between looks at its timers and I/O; with neither, a batch
 * after a batch is this.
 */
#include <stdio.h>
#include <stdlib.h>

#include "loop.h"

struct handle {
    lab_fn *fn;
    void *arg;
    struct handle *next;
};

static struct handle *head, *tail;
static size_t queued;

void
lab_call_soon(lab_fn *fn, void *arg)
{
    struct handle *h = malloc(sizeof *h);

    if (h == NULL) {
        fprintf(stderr, "lab_call_soon: out of memory\n");
        abort();
    }
    *h = (struct handle){fn, arg, NULL};
    if (tail != NULL)
        tail->next = h;
    else
        head = h;
    tail = h;
    queued++;
}

size_t
lab_run(void)
{
    size_t ran = 0;

    while (head != NULL) {
        struct handle *h = head;

        head = h->next;
        if (head == NULL)
            tail = NULL;
        queued--;
        h->fn(h->arg);
        free(h);
        ran++;
    }
    return ran;
}

size_t
lab_queued(void)
{
    return queued;
}
