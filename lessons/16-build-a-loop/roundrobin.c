// SPDX-License-Identifier: MIT
/*
 * roundrobin.c: an event loop from scratch, step one. A "task" is a
 * generator that yields whenever it would wait; the loop keeps a queue of
 * ready tasks and runs the one at the front until it yields, then puts it
 * at the back. No runtime loop is used: only generators. Lesson 16.
 */
#include <stdio.h>

#include "async.h"

#define MAX_TASKS 8

struct task {
    const char *name; /* for the output */
    async_gen *gen;   /* the body; it yields to give the CPU back */
};

/* The ready queue: a ring of task pointers, first in, first out. */
static struct {
    struct task *slot[MAX_TASKS];
    int head; /* index of the front */
    int n;    /* tasks queued */
} ready;

static void
push_ready(struct task *t)
{
    ready.slot[(ready.head + ready.n++) % MAX_TASKS] = t;
}

static struct task *
pop_ready(void)
{
    struct task *t = ready.slot[ready.head];
    ready.head = (ready.head + 1) % MAX_TASKS;
    ready.n--;
    return t;
}

/* spawn: create_task. The body does not run yet; it is only queued. */
static void
spawn(struct task *t, async_gen_fn *body, void *arg)
{
    t->gen = async_gen_new(body, arg);
    push_ready(t);
}

/* run: take the front task, run it up to its next yield, and queue it
 * again at the back; a task whose body returned is finished. */
static void
run(void)
{
    while (ready.n > 0) {
        struct task *t = pop_ready();
        if (async_gen_next(t->gen, NULL)) {
            push_ready(t);
        } else {
            printf("loop: %s finished\n", t->name);
            async_gen_close(t->gen);
        }
    }
}

/* A task body: counts to n, yielding after each number. */
static void
counter(async_gen *g, void *arg)
{
    long n = (long)arg;

    for (long i = 1; i <= n; i++) {
        printf("count to %ld: %ld\n", n, i);
        async_yield(g, ASYNC_NONE); /* "I would wait here": next task */
    }
}

int
main(void)
{
    struct task a = {"a", NULL}, b = {"b", NULL}, c = {"c", NULL};

    spawn(&a, counter, (void *)3L);
    spawn(&b, counter, (void *)1L);
    spawn(&c, counter, (void *)2L);
    puts("loop: three tasks spawned, none has run");
    run();
    return 0;
}
