// SPDX-License-Identifier: MIT
/* waitq.h: the line of waiting tasks (waitq.c). Hidden, like internal.h. */
#ifndef ASYNC_WAITQ_H
#define ASYNC_WAITQ_H

#include "internal.h"

#pragma GCC visibility push(hidden)

struct waitq {
    async_future line;       /* its callbacks are the waiters, in order */
    async_callback *pass_on; /* hands on what a woken waiter got, if it is
                                cancelled before it runs; or NULL */
    void *arg;               /* pass_on's and left's argument */
    int woken;               /* waiters woken that have not run yet */
    async_callback *left;    /* a lock's: see leave in waitq.c */
};
void waitq_init(struct waitq *q, async_loop *loop, async_callback *pass_on,
                void *arg);
void waitq_wait(struct waitq *q, async_task *t, enum wait_reason why);
bool waitq_wake_one(struct waitq *q);
bool waitq_only_cancelled(const struct waitq *q);

#pragma GCC visibility pop

#endif /* ASYNC_WAITQ_H */
