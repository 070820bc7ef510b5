// SPDX-License-Identifier: MIT
/*
 * unwind.c: how a cancellation, an error or a close leaves the frames it
 * abandons, after Lua's ldo.c (luaD_throw): a catch frame is a jmp_buf;
 * raising runs the cleanup handlers pushed since the innermost one, then
 * jumps there. Each stack (a task's, a generator's) has its own chain,
 * with a base frame (task_entry, gen_entry), so no jump crosses stacks
 * (glibc's fortified longjmp refuses that). Lessons 17 and 18.
 */
#include <stdlib.h>

#include "internal.h"

/* unwind_here: the running stack's: a generator's, the task's, or NULL. */
struct unwind *
unwind_here(void)
{
    async_gen *g = gen_running();
    async_task *t = async_current_task();
    return g ? &g->uw : t ? &t->uw : NULL;
}

/* catch_push: f becomes u's innermost catch frame. The caller calls
 * setjmp(f->jb) itself: it must run in the frame the jump comes back to. */
void
catch_push(struct unwind *u, struct catch_frame *f, int is_timeout)
{
    f->prev = u->catches;
    f->mark = u->cleanups;
    f->is_timeout = is_timeout;
    u->catches = f;
}

/* catch_pop: the code under f returned; frames pop like braces, and so do
 * handlers: one left pushed would run, on a later unwind, in a dead frame. */
void
catch_pop(struct unwind *u, struct catch_frame *f)
{
    assert(u->catches == f);
    if (u->cleanups != f->mark)
        fatal("a function returned with a cleanup handler still pushed (an "
              "async_cleanup_push without its async_cleanup_pop); pop each "
              "handler in the function that pushed it");
    u->catches = f->prev;
}

/* unwind_raise: raise k on u's stack, the one running: run the handlers
 * pushed inside the innermost catch frame, newest first, once each, while
 * the frames they point into still exist; then jump. */
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
