// SPDX-License-Identifier: MIT
/*
 * unwind.c: how a cancellation (a timeout is one) or a generator's close
 * leaves the frames it abandons. The model is Lua's ldo.c (luaD_throw,
 * luaD_rawrunprotected and its chain of lua_longjmp): a catch frame is a
 * jmp_buf with the frame outside it; raising runs the cleanup handlers
 * pushed since the innermost catch frame, newest first, then jumps there.
 *
 * Each stack has its own chain: a task's stack, and each generator's.
 * Raising only ever jumps to a frame of the stack it runs on, so no jump
 * crosses from one coroutine stack to another (glibc's fortified longjmp
 * refuses that, and rightly: the frame it lands in is not on the stack
 * it jumps from). Every stack has a base frame at its bottom: task_entry
 * finishes the task cancelled; gen_entry ends the body and switches back
 * to the consumer, whose async_gen_next raises the same thing again, on
 * the consumer's own stack. async_timeout is a catch frame too: it keeps
 * its own expiry and raises everything else on. Lesson 17 (cancellation)
 * and lesson 18 (timeouts) explain it.
 */
#include <assert.h>
#include <stdlib.h>

#include "internal.h"

/* unwind_here: the unwinding state of the stack running now: the
 * innermost generator body's, else the task's; NULL outside both. */
struct unwind *
unwind_here(void)
{
    async_gen *g = gen_running();
    async_task *t = async_current_task();

    if (g != NULL)
        return &g->uw;
    return t ? &t->uw : NULL;
}

/* catch_push: f becomes the innermost catch frame of u's stack. The
 * caller then calls setjmp(f->jb) itself: setjmp must run in the frame
 * that the jump comes back to. */
void
catch_push(struct unwind *u, struct catch_frame *f, int is_timeout)
{
    f->prev = u->catches;
    f->mark = u->cleanups;
    f->is_timeout = is_timeout;
    u->catches = f;
}

/* catch_pop: the code under f returned normally. Frames pop in order,
 * like braces. */
void
catch_pop(struct unwind *u, struct catch_frame *f)
{
    assert(u->catches == f);
    u->catches = f->prev;
}

/* unwind_raise: raise k on the stack u belongs to, which must be the one
 * running. The handlers pushed inside the innermost catch frame run
 * first, newest first and exactly once (each is unlinked before it runs),
 * while the frames they may point into still exist; then the jump. */
_Noreturn void
unwind_raise(struct unwind *u, enum unwind_kind k)
{
    struct catch_frame *f = u->catches;
    async_task *t = async_current_task();

    assert(u == unwind_here());
    assert(f != NULL); /* task_entry and gen_entry each push a base */
    /* Only a raise on this stack from inside its own handler is refused:
     * a handler may close a generator, which raises on that one's stack. */
    if (u->in_handler)
        fatal("task '%s' raised an error or a cancellation inside a cleanup "
              "handler; a handler must not raise (it runs while the task "
              "unwinds)", t ? t->name : "(none)");
    u->raising = k;
    u->in_handler++;
    if (t != NULL)
        t->unwinding++; /* a handler that suspends is an error */
    while (u->cleanups != f->mark) {
        struct cleanup *c = u->cleanups;
        u->cleanups = c->next;
        c->fn(c->arg);
        free(c);
    }
    if (t != NULL)
        t->unwinding--;
    u->in_handler--;
    u->catches = f->prev;
    longjmp(f->jb, 1);
}
