// SPDX-License-Identifier: MIT
/*
 * generator.c: generators on the context switch of tasks, each on its own
 * small stack: async_gen_next switches to it, async_yield back. In a task
 * the body may await: the task suspends with the generator's frames on
 * top of its own. Lessons 04 (generators) and 15 (async generators).
 */
#include <stdlib.h>

#include "internal.h"

/* Outside any task, the generator running now (they nest). */
static async_gen *outside_gen;

/* gen_slot: where "the generator running now" is kept for the caller. */
static async_gen **
gen_slot(void)
{
    async_task *t = async_current_task();
    return t ? &t->gen : &outside_gen;
}

async_gen *
gen_running(void)
{
    return *gen_slot();
}

async_gen *
async_gen_new(async_gen_fn *fn, void *arg)
{
    LOOP_THREAD_ONLY("async_gen_new");
    async_gen *g = malloc(sizeof *g);
    if (g == NULL)
        fatal("out of memory creating a generator");
    *g = (async_gen){.fn = fn, .arg = arg, .loop = loop_current};
    if (g->loop != NULL) { /* the loop closes it if nobody else does */
        g->next = g->loop->gens;
        if (g->next)
            g->next->prev = g;
        g->loop->gens = g;
    }
    return g;
}

/* Switch from the body back to the consumer. */
static void
to_caller(async_gen *g, int finished)
{
    async_task *t = async_current_task();
    *gen_slot() = g->outer;
    if (t != NULL)
        t->run_stack = g->caller_stack;
    fiber_start(finished ? NULL : &g->fake_stack, g->caller_bottom,
                g->caller_size);
    switch_context(&g->ctx, g->caller);
    fiber_finish(g->fake_stack, &g->caller_bottom, &g->caller_size);
}

/* gen_entry: every body starts here, under its stack's base catch frame;
 * the consumer learns what unwound the body to it, if anything (ended). */
static void
gen_entry(void)
{
    async_gen *g = *gen_slot();
    struct catch_frame base;
    fiber_finish(NULL, &g->caller_bottom, &g->caller_size);
    catch_push(&g->uw, &base, 0);
    if (setjmp(base.jb) == 0) {
        g->fn(g, g->arg);
        catch_pop(&g->uw, &base);
    } else
        g->ended = g->uw.raising;
    g->state = GEN_DONE;
    to_caller(g, 1);
    abort(); /* NOTREACHED: a finished body is never resumed */
}

/* Switch from the consumer into the body, until it yields or returns. */
static void
resume(async_gen *g)
{
    async_gen **slot = gen_slot();
    async_task *t = async_current_task();
    void *fake = NULL;

    g->outer = *slot; /* and the caller's stack, for overflow messages */
    g->caller_stack = g->outer ? g->outer->stack : t ? t->run_stack : NULL;
    *slot = g;
    g->state = GEN_RUNNING;
    if (t != NULL)
        t->run_stack = g->stack;
    fiber_start(&fake, g->stack, stack_size());
    switch_context(&g->caller, g->ctx);
    fiber_finish(fake, NULL, NULL);
}

bool
async_gen_next(async_gen *g, async_value *out)
{
    LOOP_THREAD_ONLY("async_gen_next");
    if (g->state == GEN_RUNNING)
        fatal("async_gen_next: the generator is already running (it "
              "cannot ask itself for its next value)");
    if (g->state == GEN_DONE)
        return false;
    if (g->state == GEN_NEW) {
        g->stack = stack_get("generator");
        context_init(&g->ctx, g->stack, stack_size(), gen_entry);
    }
    resume(g);
    stack_check(g->stack, "generator");
    if (g->state == GEN_DONE) {
        stack_put(g->stack);
        g->stack = NULL;
        /* What ended the body goes on, on the consumer's stack now. */
        if (g->ended == UNWIND_CANCEL || g->ended == UNWIND_ERROR)
            unwind_raise(unwind_here(), g->ended);
        return false;
    }
    if (out != NULL)
        *out = g->value;
    return true;
}

/* A yield inside async_timeout: the deadline cancels the consumer where
 * it waits, not the body (as asyncio's); debug mode says so, once. */
static void
warn_yield_in_timeout(async_gen *g)
{
    for (struct catch_frame *f = g->uw.catches; f != NULL; f = f->prev)
        if (f->is_timeout && !g->warned) {
            g->warned = 1;
            fprintf(stderr, "asyncbook: a generator yields inside "
                    "async_timeout: when the deadline passes it cancels the "
                    "consumer, wherever it waits; put the timeout around "
                    "the awaits between the yields instead\n");
        }
}

void
async_yield(async_gen *g, async_value v)
{
    if (*gen_slot() != g)
        fatal("async_yield: called outside the generator's own body");
    if (config.debug)
        warn_yield_in_timeout(g);
    g->value = v;
    g->state = GEN_PAUSED;
    to_caller(g, 0);
    if (g->closing) /* aclose(): GeneratorExit, cleanups but no code */
        unwind_raise(&g->uw, UNWIND_CLOSE);
}

void
async_gen_close(async_gen *g)
{
    LOOP_THREAD_ONLY("async_gen_close");
    if (g->state == GEN_RUNNING)
        fatal("async_gen_close: the generator is running; it cannot be "
              "closed from inside its own body");
    if (g->state == GEN_PAUSED) {
        g->closing = 1;
        resume(g);
    }
    if (g->stack != NULL)
        stack_put(g->stack);
    assert(g->uw.cleanups == NULL); /* as a task's: see catch_pop */
    if (g->loop != NULL) {
        if (g->prev)
            g->prev->next = g->next;
        else
            g->loop->gens = g->next;
        if (g->next)
            g->next->prev = g->prev;
    }
    free(g);
}

/* gen_close_all: close what nobody closed (asyncio's shutdown_asyncgens). */
void
gen_close_all(async_loop *loop)
{
    while (loop->gens != NULL)
        async_gen_close(loop->gens);
}
