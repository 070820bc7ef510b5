/* SPDX-License-Identifier: MIT */
/*
 * loop.h: the lab's event loop, given. One ready queue of callbacks, run
 * in the order they were queued until it is empty: the part of
 * runtime/loop.c that futures need, without tasks, timers or I/O.
 */
#ifndef LAB_LOOP_H
#define LAB_LOOP_H

#include <stddef.h>

typedef void lab_fn(void *arg);

/* lab_call_soon: loop.call_soon(fn, arg). fn(arg) runs later, when the
 * loop gets to it, after everything queued before it; never now. */
void lab_call_soon(lab_fn *fn, void *arg);

/* lab_run: run the queued callbacks, first queued first, until none is
 * left (what they queue runs too). Returns how many ran. */
size_t lab_run(void);

/* lab_queued: how many callbacks wait in the queue. */
size_t lab_queued(void);

#endif /* LAB_LOOP_H */
