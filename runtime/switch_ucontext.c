// SPDX-License-Identifier: MIT
/*
 * switch_ucontext.c: the portable context switch (make SWITCH=ucontext),
 * on POSIX's getcontext/makecontext/swapcontext. Slower than the assembly
 * (swapcontext also saves the signal mask, a system call), but it runs
 * wherever libc has them: use it to check a new port.
 */
#define _DEFAULT_SOURCE /* ucontext on glibc */
#include <ucontext.h>

#include "internal.h"

/* The scheduler's context is always saved before it is resumed, so one
 * ucontext_t serves whichever loop is running (one at a time). */
static ucontext_t scheduler_uc;

void
context_init(struct context *c, void *lo, size_t size, void (*entry)(void))
{
    /* Keep the ucontext_t at the top of the task's own stack: no malloc,
     * and it is freed with the stack. */
    uintptr_t top = ((uintptr_t)lo + size - sizeof(ucontext_t)) & ~(uintptr_t)15;
    ucontext_t *uc = (ucontext_t *)top;

    getcontext(uc);
    uc->uc_stack.ss_sp = lo;
    uc->uc_stack.ss_size = top - (uintptr_t)lo;
    uc->uc_link = NULL; /* entry never returns */
    makecontext(uc, entry, 0);
    c->ext = uc;
}

void
switch_context(struct context *old, struct context *new)
{
    if (old->ext == NULL)
        old->ext = &scheduler_uc;
    swapcontext(old->ext, new->ext);
}
