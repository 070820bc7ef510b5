// SPDX-License-Identifier: MIT
/* timer.c: the timer heap. Every sleep and call_later is a deadline in
 * a binary min-heap, so the loop finds the next one in O(1) and arms or
 * cancels one in O(log n). Lesson 07 (sleeping) explains it. */
#include <stdlib.h>

#include "internal.h"

/* The heap is ordered by deadline, then arming order (asyncio's compares
 * deadlines only: its ties fire in no promised order). A slot copies its
 * timer's key: comparing slots reads the array, never chases a pointer. */

static int
before(const struct timer_slot *a, const struct timer_slot *b)
{
    return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void
place(struct timer_heap *h, size_t i, struct timer_slot s)
{
    h->a[i] = s;
    s.t->heap_index = i;
}

static void
sift_up(struct timer_heap *h, size_t i)
{
    struct timer_slot s = h->a[i];
    while (i > 0 && before(&s, &h->a[(i - 1) / 2])) {
        place(h, i, h->a[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    place(h, i, s);
}

static void
sift_down(struct timer_heap *h, size_t i)
{
    struct timer_slot s = h->a[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && before(&h->a[c + 1], &h->a[c]))
            c++;
        if (!before(&h->a[c], &s))
            break;
        place(h, i, h->a[c]);
        i = c;
    }
    place(h, i, s);
}

/* timer_push: arms t (t->when and t->seq already set). Grows the array by
 * doubling, so arming is amortised O(log n) and firing never allocates. */
void
timer_push(struct timer_heap *h, async_handle *t)
{
    assert(t->heap_index == NO_HEAP); /* never armed twice */
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        struct timer_slot *a = realloc(h->a, cap * sizeof *a);
        if (a == NULL)
            fatal("out of memory arming timer number %zu", h->n + 1);
        h->a = a;
        h->cap = cap;
    }
    place(h, h->n++, (struct timer_slot){t->when, t->seq, t});
    sift_up(h, h->n - 1);
}

/* timer_pop: removes and returns the earliest timer, or NULL. */
async_handle *
timer_pop(struct timer_heap *h)
{
    if (h->n == 0)
        return NULL;
    async_handle *t = h->a[0].t;
    timer_remove(h, t);
    return t;
}

/* timer_remove: disarms t, wherever it is in the heap. */
void
timer_remove(struct timer_heap *h, async_handle *t)
{
    size_t i = t->heap_index;
    assert(i < h->n && h->a[i].t == t); /* its back-pointer is right */
    struct timer_slot last = h->a[--h->n];
    t->heap_index = NO_HEAP;
    if (i == h->n)
        return;
    place(h, i, last);
    if (i > 0 && before(&last, &h->a[(i - 1) / 2]))
        sift_up(h, i);
    else
        sift_down(h, i);
}

void
timer_free(struct timer_heap *h)
{
    free(h->a);
    *h = (struct timer_heap){0};
}
