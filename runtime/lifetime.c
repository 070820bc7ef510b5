// SPDX-License-Identifier: MIT
/*
 * lifetime.c: freeing what is done, so a program that runs for a day
 * stays the size it was after a minute. Tasks and loop_alloc blocks go
 * when the loop closes, or once done (detached tasks, loop_release). In
 * debug mode a freed block waits in a graveyard, marked dead, so a late
 * use stops with a sentence instead of reading freed memory.
 */
#include <stdlib.h>

#include "internal.h"

/* A loop_alloc block: a header on the loop's list, then the caller's; magic
 * is OWNED while listed, so a block handed back to be freed is checked. */
#define OWNED 0x6f776e64u
struct owned {
    struct owned *prev, *next;
    unsigned magic;
    max_align_t data[];
};

static struct owned *
owned_of(const void *p)
{
    return (struct owned *)((char *)p - offsetof(struct owned, data));
}

void *
loop_alloc(async_loop *loop, size_t size)
{
    struct owned *o = malloc(sizeof *o + size);
    if (o == NULL)
        fatal("out of memory (%zu bytes)", size);
    *o = (struct owned){.next = loop->owned, .magic = OWNED};
    if (o->next != NULL)
        o->next->prev = o;
    loop->owned = o;
    return o->data;
}

/* loop_release: p (from loop_alloc) is no longer used: free it now. */
void
loop_release(async_loop *loop, void *p)
{
    struct owned *o = owned_of(p);
    assert(o->magic == OWNED); /* a block of this loop's, not freed yet */
    o->magic = 0;
    if (o->prev != NULL)
        o->prev->next = o->next;
    else
        loop->owned = o->next;
    if (o->next != NULL)
        o->next->prev = o->prev;
    loop_bury(loop, o);
}

/* loop_owns: is p a loop_alloc block not released yet? Reliable for a
 * block released twice only in debug mode, which keeps freed blocks. */
bool
loop_owns(const void *p)
{
    return p != NULL && owned_of(p)->magic == OWNED;
}

#define GRAVE_SIZE 1024

/* Debug mode: a ring of the last GRAVE_SIZE blocks freed. */
struct grave {
    void *dead[GRAVE_SIZE];
    size_t next; /* the slot the next one takes */
};

void
loop_bury(async_loop *loop, void *p)
{
    if (!config.debug) {
        free(p);
        return;
    }
    if (loop->grave == NULL && (loop->grave = calloc(1, sizeof *loop->grave))
                                   == NULL)
        fatal("out of memory in debug mode's list of freed tasks");
    struct grave *g = loop->grave;
    free(g->dead[g->next]); /* NULL until the ring has gone round */
    g->dead[g->next] = p;
    g->next = (g->next + 1) % GRAVE_SIZE;
}

/* loop_free_owned: the loop closes: free its blocks and graveyard. */
void
loop_free_owned(async_loop *loop)
{
    for (struct owned *o = loop->owned, *next; o != NULL; o = next) {
        next = o->next;
        free(o);
    }
    loop->owned = NULL;
    if (loop->grave != NULL)
        for (size_t i = 0; i < GRAVE_SIZE; i++)
            free(loop->grave->dead[i]);
    free(loop->grave);
    loop->grave = NULL;
}

/* task_live: every call that takes a task passes it through here. */
async_task *
task_live(async_task *t, const char *who)
{
    LOOP_THREAD_ONLY(who);
    if (t->freed)
        fatal("%s: task '%s' was freed when it finished, because it was "
              "detached (by async_task_detach, or by the runtime that "
              "started it for you); keep a task attached while you still "
              "use it, and detach it after your last call on it", who,
              t->name);
    return t;
}

/* reap: frees a detached task that is done; queued at the back, it runs
 * after all that waited for the task (awaiters, callbacks) has read it. */
static void
reap(void *arg)
{
    async_task *t = arg;
    async_loop *loop = t->fut.loop;
    assert(t->detached && t->fut.state != FUTURE_PENDING && t->stack == NULL);
    if (t->prev != NULL)
        t->prev->next = t->next;
    else
        loop->tasks = t->next;
    if (t->next != NULL)
        t->next->prev = t->prev;
    else
        loop->last_task = t->prev;
    t->freed = 1;
    loop_bury(loop, t);
}

/* task_reap_later: t is done and detached; its step handle carries it. */
void
task_reap_later(async_task *t)
{
    assert(t->detached && t->fut.state != FUTURE_PENDING &&
           t->step.heap_index == NO_HEAP);
    t->step = (async_handle){.cb = reap, .arg = t, .heap_index = NO_HEAP};
    loop_schedule(t->fut.loop, &t->step);
}

void
async_task_detach(async_task *t)
{
    if (task_live(t, "async_task_detach")->detached)
        fatal("async_task_detach: task '%s' is detached already; a task "
              "is detached once, after your last call on it", t->name);
    t->detached = 1;
    t->awaited = 1; /* nobody will: that is what detaching says */
    if (t->fut.state != FUTURE_PENDING)
        task_reap_later(t);
}

/* task_free: the loop closes; t has finished, its stack and handlers gone. */
void
task_free(async_task *t)
{
    assert(t->stack == NULL && t->uw.cleanups == NULL);
    free(t);
}

void
loop_census(async_loop *loop, struct loop_census *c)
{
    *c = (struct loop_census){0};
    for (async_task *t = loop->tasks; t != NULL; t = t->next)
        c->tasks++;
    for (async_future *f = loop->futures; f != NULL; f = f->next)
        c->futures++;
    for (struct owned *o = loop->owned; o != NULL; o = o->next)
        c->blocks++;
}
