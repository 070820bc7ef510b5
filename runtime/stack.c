// SPDX-License-Identifier: MIT
/* stack.c: task stacks, pooled for reuse. Below each, a guard region: a
 * task that overflows faults at once and is named, instead of silently
 * corrupting a neighbour. A guard costs two of the kernel's ~65,000
 * mappings, so past GUARDED_MAX stacks come from slabs, each with a canary
 * of zeros at its bottom (free in a fresh mapping) checked as it suspends. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, madvise */
#include <assert.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#if defined(__has_include) && __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#ifndef VALGRIND_STACK_REGISTER
#define VALGRIND_STACK_REGISTER(lo, hi) 0
#define VALGRIND_STACK_DEREGISTER(id) ((void)(id))
#endif

#define GUARD (64 * 1024) /* bigger than one frame is likely to skip */
#define GUARDED_MAX 16384 /* stacks with a guard: 32,768 mappings */
#define SLAB 256          /* canary stacks per slab mapping */
#define CANARY 64         /* bytes at the bottom that must stay zero */

/* Bookkeeping in each stack's top META bytes: a page the task uses anyway. */
struct stack_meta {
    void *next;     /* next stack in the pool */
    unsigned vg_id; /* valgrind's id for this stack */
    int canary;     /* 1: no guard region, a canary at the bottom */
    int pooled;     /* 1: in the pool, 0: handed out (never both) */
};
#define META 64
_Static_assert(sizeof(struct stack_meta) <= META, "meta fits its slot");

static size_t size = 64 * 1024; /* each stack, a multiple of the page size */
/* The overflow message's end, made as size is set (a handler can't printf) */
static char advice[160] = "' (stack 64 KiB): raise ASYNC_STACK_SIZE (e.g. "
                          "ASYNC_STACK_SIZE=1M), or move large arrays off "
                          "the stack\n";
static void *pool;              /* free stacks, linked through meta */
static size_t out;              /* stacks handed out, not yet put back */
static size_t guarded;          /* stacks mapped with a guard so far */
static char *slab_next;         /* the next unused stack in the slab */
static size_t slab_left;        /* stacks left in it */

static struct stack_meta *
meta(void *lo)
{
    return (struct stack_meta *)((char *)lo + size - META);
}

/* stack_size: the bytes a task may use from stack_get's pointer, canary too */
size_t
stack_size(void)
{
    return size - META;
}

/* drop_pool: the old size's stacks; a slab's stay mapped (see stack_put). */
static void
drop_pool(void)
{
    while (pool != NULL) {
        void *lo = pool;
        pool = meta(lo)->next;
        VALGRIND_STACK_DEREGISTER(meta(lo)->vg_id);
        if (!meta(lo)->canary) {
            munmap((char *)lo - GUARD, GUARD + size);
            guarded--;
        }
    }
    slab_left = 0;
}

/* async_set_stack_size: each stack's meta is found from the one size, so
 * it may only change while no task or generator holds a stack. */
void
async_set_stack_size(size_t bytes)
{
    LOOP_THREAD_ONLY("async_set_stack_size");
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (bytes < 16 * 1024)
        bytes = 16 * 1024;
    bytes = (bytes + page - 1) / page * page;
    if (bytes == size)
        return;
    if (out > 0)
        fatal("async_set_stack_size: %zu task%s still ha%s a stack of %zu "
              "KiB; the size can only change while no task runs: call it "
              "before async_run (or set ASYNC_STACK_SIZE)", out,
              out == 1 ? "" : "s", out == 1 ? "s" : "ve", size / 1024);
    drop_pool();
    size = bytes;
    snprintf(advice, sizeof advice, "' (stack %zu KiB): raise "
             "ASYNC_STACK_SIZE (e.g. ASYNC_STACK_SIZE=%zuK), or move large "
             "arrays off the stack\n", size / 1024, 4 * size / 1024);
}

static void *
map(size_t bytes, const char *task_name)
{
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        fatal("cannot map a %zu KiB stack for task '%s' (too many tasks "
              "at once?); lower ASYNC_STACK_SIZE or create fewer tasks",
              size / 1024, task_name);
    return p;
}

/* A new stack: one with a guard below, where nothing may be touched, or
 * past GUARDED_MAX, a slab's next, with a canary where a guard would be. */
static void *
new_stack(const char *task_name)
{
    if (guarded < GUARDED_MAX) {
        char *base = map(GUARD + size, task_name);
        if (mprotect(base, GUARD, PROT_NONE) != 0)
            fatal("cannot protect the stack guard of task '%s'", task_name);
        guarded++;
        return base + GUARD;
    }
    if (slab_left == 0) {
        slab_next = map(SLAB * size, task_name);
        slab_left = SLAB; /* no huge pages: a stack touches a page or two */
        madvise(slab_next, SLAB * size, MADV_NOHUGEPAGE);
    }
    char *lo = slab_next;
    slab_next += size;
    slab_left--;
    meta(lo)->canary = 1;
    return lo;
}

/* stack_get: a stack's lowest usable byte; task_name is for the message. */
void *
stack_get(const char *task_name)
{
    void *lo;
    if (pool != NULL) {
        lo = pool;
        assert(meta(lo)->pooled); /* handed out only once */
        pool = meta(lo)->next;
    } else {
        lo = new_stack(task_name);
        meta(lo)->vg_id = VALGRIND_STACK_REGISTER(lo, (char *)lo + size);
    }
    meta(lo)->pooled = 0;
    out++;
    return lo;
}

/* stack_put: a finished task's stack, frames dead whatever ASan thought;
 * kept, never unmapped: that would split a slab (mappings are scarce). */
void
stack_put(void *lo)
{
    unpoison(lo, size);
    assert(out > 0 && !meta(lo)->pooled); /* put back only once */
    meta(lo)->pooled = 1;
    meta(lo)->next = pool;
    pool = lo;
    out--;
}

/* The overflow's trace event and message, by write(2) alone (on_fault). */
static void
report_overflow(const char *task_name)
{
    const char *part[] = {"asyncbook: stack overflow in task '", task_name,
                          advice};
    trace_overflow(task_name, stack_size());
    for (int i = 0; i < 3; i++)
        if (write(2, part[i], strlen(part[i])) < 0)
            return;
}

/* stack_check: whenever a task leaves its stack. A canary stack's
 * overflow is found here, late but before anything runs on the damage. */
void
stack_check(void *lo, const char *task_name)
{
    static const char zeros[CANARY];
    if (meta(lo)->canary && memcmp(lo, zeros, CANARY) != 0) {
        fflush(stdout);
        report_overflow(task_name);
        exit(1);
    }
}

static struct sigaction previous_segv, previous_bus;

/* A fault in the running task's guard is an overflow: say so (on the
 * signal stack: the task's is spent), then let the fault recur under the
 * previous handler, so the program still dies of it (or ASan reports). */
static void
on_fault(int sig, siginfo_t *info, void *uc)
{
    async_task *t = loop_current ? loop_current->current : NULL;
    char *addr = info->si_addr;
    (void)uc;
    if (t != NULL && t->run_stack != NULL && addr < (char *)t->run_stack &&
        addr >= (char *)t->run_stack - GUARD)
        report_overflow(t->name);
    sigaction(sig, sig == SIGSEGV ? &previous_segv : &previous_bus, NULL);
}

/* stack_watch_overflow: at each new loop (a test may have put its own back) */
void
stack_watch_overflow(void)
{
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    struct sigaction now, sa = {.sa_sigaction = on_fault,
                                .sa_flags = SA_SIGINFO | SA_ONSTACK};
    sigaction(SIGSEGV, NULL, &now);
    if (now.sa_sigaction == on_fault)
        return;
    sigaltstack(&ss, NULL);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &previous_segv);
    sigaction(SIGBUS, &sa, &previous_bus);
}
