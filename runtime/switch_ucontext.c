// SPDX-License-Identifier: MIT
/* switch_ucontext.c: the portable context switch (make SWITCH=ucontext)
 * on POSIX's swapcontext: slower than the assembly (it saves the signal
 * mask too, a system call), but it runs wherever libc has it: use it to
 * check a new port. A suspended context is a ucontext_t on its stack. */
#define _DEFAULT_SOURCE /* ucontext on glibc */
#include <ucontext.h>

#include "internal.h"

void
context_init(struct context **c, void *lo, size_t size, void (*entry)(void))
{
    /* The first context sits at the top of the task's own stack. */
    uintptr_t top =
        ((uintptr_t)lo + size - sizeof(ucontext_t)) & ~(uintptr_t)15;
    ucontext_t *uc = (ucontext_t *)top;
    getcontext(uc);
    uc->uc_stack.ss_sp = lo;
    uc->uc_stack.ss_size = top - (uintptr_t)lo;
    uc->uc_link = NULL; /* entry never returns */
    makecontext(uc, entry, 0);
    *c = (struct context *)uc;
}

void
switch_context(struct context **old, struct context *new)
{
    /* This frame stays alive while we are switched away, so the saved
     * registers can live in it. */
    ucontext_t here;
    *old = (struct context *)&here;
    swapcontext(&here, (ucontext_t *)new);
}
