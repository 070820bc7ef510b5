// SPDX-License-Identifier: MIT
/*
 * lab_timer.h: lab 33lab's API, a timer heap and a tiny loop with
 * call_later. Given: read it, do not change it (the tests include it).
 * Its shape is the runtime's (runtime/timer.c, runtime/loop.c), its
 * names are its own: lab_...
 */
#ifndef LAB_TIMER_H
#define LAB_TIMER_H

#include <stdbool.h>
#include <stddef.h>

typedef void lab_callback(void *arg);

/* A timer, or a ready callback: the caller owns its memory (as a task
 * owns the handle embedded in it) and keeps it alive until it has run or,
 * cancelled, has left the heap (armed turns false). */
typedef struct lab_timer {
    double when;             /* the deadline, in loop time (seconds) */
    unsigned long seq;       /* arming order: ties between equal deadlines */
    bool cancelled;          /* lab_timer_cancel: skip it, never run it */
    bool armed;              /* in a heap (a pop or a purge clears it) */
    lab_callback *cb;
    void *arg;
    struct lab_timer *next;  /* the ready queue's link */
} lab_timer;

/* A binary min-heap of timers: a[0] is due first; the children of a[i]
 * are a[2i+1] and a[2i+2]; each timer is due no earlier than its parent. */
struct lab_heap {
    lab_timer **a;
    size_t n, cap;
    size_t cancelled; /* cancelled timers still in the heap */
};

/* lab_before: x is due before y (equal deadlines: the one armed first). */
bool lab_before(const lab_timer *x, const lab_timer *y);

void lab_heap_push(struct lab_heap *h, lab_timer *t);   /* t->when, t->seq set */
lab_timer *lab_heap_pop(struct lab_heap *h);  /* earliest live timer, or NULL */
lab_timer *lab_heap_peek(struct lab_heap *h); /* the same, left in the heap */
void lab_timer_cancel(struct lab_heap *h, lab_timer *t);
void lab_heap_purge(struct lab_heap *h);      /* drop every cancelled timer */
void lab_heap_free(struct lab_heap *h);

/* The clock, injected: the tests pass a fake one, so nothing really
 * waits. wait() returns after at most timeout seconds (-1: no limit),
 * perhaps sooner: a real clock may wake early. */
struct lab_clock {
    double (*now)(void *self);
    void (*wait)(void *self, double timeout);
    void *self;
};

typedef struct lab_loop {
    struct lab_heap timers;
    lab_timer *ready, *ready_tail; /* callbacks to run, first in first out */
    struct lab_clock clock;
    unsigned long next_seq;        /* the seq of the next timer armed */
} lab_loop;

void lab_loop_init(lab_loop *loop, struct lab_clock clock);
void lab_loop_free(lab_loop *loop);
double lab_loop_time(lab_loop *loop);
void lab_call_soon(lab_loop *loop, lab_timer *t, lab_callback *cb, void *arg);
void lab_call_at(lab_loop *loop, lab_timer *t, double when,
                 lab_callback *cb, void *arg);
void lab_call_later(lab_loop *loop, lab_timer *t, double delay,
                    lab_callback *cb, void *arg);
double lab_loop_timeout(lab_loop *loop);  /* how long run_once may wait */
void lab_loop_wake_due(lab_loop *loop);   /* due timers -> ready queue */
void lab_loop_run_once(lab_loop *loop);

#endif
