// SPDX-License-Identifier: MIT
/* debug.c: the settings from the environment, and the messages that make
 * a mistake a sentence naming the task at fault: a step holding the loop,
 * a deadlock, tasks left pending or unawaited. Lesson 13 shows them. */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define BLOCKED_WARN 0.100 /* a step this long is reported (as asyncio) */

struct config config;

/* The last line of a trace: when the program ended, in loop time. */
static void
trace_exit(void)
{
    TRACE("exit", NULL, NULL);
    fclose(config.trace);
    config.trace = NULL;
}

/* config_load: read the environment, once, before the first loop. */
void
config_load(void)
{
    const char *v;
    char *end;
    if (config.loaded)
        return;
    config.loaded = 1;
    if ((v = getenv("ASYNC_DEBUG")) != NULL && *v && strcmp(v, "0") != 0)
        config.debug = 1;
    if ((v = getenv("ASYNC_CLOCK")) != NULL && strcmp(v, "virtual") == 0)
        async_use_virtual_clock(true);
    if ((v = getenv("ASYNC_STACK_SIZE")) != NULL && *v) {
        double n = strtod(v, &end);
        if (*end == 'k' || *end == 'K')
            n *= 1024, end++;
        else if (*end == 'm' || *end == 'M')
            n *= 1024 * 1024, end++;
        if (end == v || *end != '\0' || !(n > 0 && n < 0x1p40)) /* NaN too */
            fatal("ASYNC_STACK_SIZE=%s: expected a size such as 65536, 256K "
                  "or 1M", v);
        async_set_stack_size((size_t)n);
    }
    if ((v = getenv("ASYNC_TRACE")) != NULL && *v) {
        if ((config.trace = fopen(v, "w")) == NULL)
            fatal("ASYNC_TRACE=%s: cannot open that file for writing", v);
        setvbuf(config.trace, NULL, _IOLBF, 0); /* survive a crash */
        config.trace_origin = clock_real();
        atexit(trace_exit);
    }
}

void
async_set_debug(bool on)
{
    LOOP_THREAD_ONLY("async_set_debug");
    config_load();
    config.debug = on;
}

/* fatal: misuse the program cannot go on from. One line, then exit. */
_Noreturn void
fatal(const char *fmt, ...)
{
    va_list ap;
    char text[512];
    fflush(stdout); /* keep the order of what the student printed */
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "asyncbook: %s\n", text);
    config_load(); /* the trace opens even if no loop was made yet */
    trace_fault("misuse", async_current_task(), text);
    exit(1);
}

/* fatal_no_task, fatal_no_loop: who was called with no task, or no loop;
 * on an async_to_thread worker, that misuse is named instead. */
_Noreturn void
fatal_no_task(const char *who)
{
    LOOP_THREAD_ONLY(who);
    fatal("%s: called outside a task; only a task can wait. Start one "
          "with async_run(main, arg) and call %s from there", who, who);
}

_Noreturn void
fatal_no_loop(const char *who)
{
    LOOP_THREAD_ONLY(who);
    fatal("%s: there is no event loop; call it from a task started by "
          "async_run, or create a loop with async_loop_new first", who);
}

_Noreturn void
async_todo(const char *file, int line, const char *what)
{
    fflush(stdout);
    fprintf(stderr, "%s:%d: TODO: %s\n", file, line, what);
    exit(1);
}

/* This thread's CPU time: unlike the wall clock, not the other programs'. */
static double
cpu_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* debug_step_begin: its CPU time is measured only if something reads it
 * (debug mode, the trace, the virtual clock): it costs a system call. */
void
debug_step_begin(async_loop *loop)
{
    loop->step_cpu0 = -1; /* not measured */
    if (config.debug || config.trace || clock_is_virtual()) {
        loop->step_began = clock_now();
        loop->step_cpu0 = cpu_time();
    }
}

/* debug_step_cpu: the ending step's CPU time, for its last trace event,
 * charged to the virtual clock now: the event is as late as it was long. */
double
debug_step_cpu(async_loop *loop)
{
    assert(loop->step_cpu0 >= 0 && !isinf(loop->step_cpu0)); /* measured */
    double cpu = cpu_time() - loop->step_cpu0;
    clock_computed(cpu);
    loop->step_cpu0 = INFINITY; /* charged already */
    return cpu;
}

/* debug_step_end: CPU time not charged yet moves the virtual clock (a busy
 * loop shows up late); the hold is read on loop time (see clock_slept). */
void
debug_step_end(async_loop *loop, async_task *t)
{
    if (loop->step_cpu0 < 0) /* not measured: neither debugging nor virtual */
        return;
    if (!isinf(loop->step_cpu0))
        clock_computed(cpu_time() - loop->step_cpu0);
    double held = clock_now() - loop->step_began;
    if (held <= BLOCKED_WARN)
        return;
    TRACE("blocked", t, ",\"seconds\":%.6f", held);
    if (config.debug)
        fprintf(stderr, "asyncbook: task '%s' held the loop for %.3f s "
                "without suspending; no other task or timer could run "
                "meanwhile. A blocking call (sleep, a long loop)? Use "
                "async_sleep, or async_sleep(0) now and then.\n", t->name,
                held);
}

static void
describe_wait(async_task *t)
{
    async_task *on = t->why == WAIT_TASK ? (async_task *)t->waiting_on : NULL;
    TRACE("fault", t, ",\"kind\":\"deadlock\",\"why\":\"%s\",\"on\":%llu",
          wait_reason_name[t->why], on ? (unsigned long long)on->id : 0ULL);
    fprintf(stderr, "  '%s' (task %llu) ", t->name, (unsigned long long)t->id);
    if (on != NULL)
        fprintf(stderr, "waits for task '%s'\n", on->name);
    else if (t->why == WAIT_FUTURE)
        fputs("waits for a future that nothing will set\n", stderr);
    else if (t->why == WAIT_SLEEP) /* the only sleeps left never end */
        fputs("sleeps forever (async_sleep(INFINITY)); only a cancel could "
              "wake it\n", stderr);
    else /* gather, as_completed, event... */
        fprintf(stderr, "waits in async_%s\n", wait_reason_name[t->why]);
}

/* debug_report_deadlock: nothing ready, no timer, no I/O: name the waits. */
void
debug_report_deadlock(async_loop *loop)
{
    fflush(stdout);
    TRACE("deadlock", NULL, NULL);
    if (loop->pending == 0)
        fatal("the loop has nothing left to do and was never stopped; "
              "call async_loop_stop from a callback or a task");
    fputs("asyncbook: deadlock: every task is waiting and nothing is left "
          "that could wake one:\n", stderr);
    for (async_task *t = loop->tasks; t != NULL; t = t->next)
        if (t->fut.state == FUTURE_PENDING)
            describe_wait(t);
    fatal("deadlock: stopping instead of waiting forever");
}

/* Heap slots: the timer points back, keys match, none precedes its parent */
static void
check_timers(const struct timer_heap *h)
{
    for (size_t i = 0; i < h->n; i++) {
        const struct timer_slot *s = &h->a[i];
        const struct timer_slot *up = &h->a[i ? (i - 1) / 2 : 0]; /* root */
        assert(s->t->heap_index == i);
        assert(s->when == s->t->when && s->seq == s->t->seq);
        assert(i == 0 || up->when < s->when ||
               (up->when == s->when && up->seq < s->seq));
        (void)s, (void)up;
    }
}

/* The ready queue: no cycle (Floyd: h at i meets slow at i / 2), tail last. */
static void
check_ready(const struct handle_list *l)
{
    const async_handle *h = l->head, *slow = l->head;
    for (size_t i = 1; h != NULL && h->next != NULL; i++) {
        h = h->next;
        slow = i % 2 ? slow : slow->next;
        assert(h != slow);
        if (h == slow) /* with assert off (INVARIANTS=0): do not spin */
            return;
    }
    assert(h == l->tail);
}

/* debug_check_loop: invariants that walk whole structures, at a cost in
 * proportion to the loop's: the ready queue every iteration (which runs it
 * all), the heap of n timers every n / 8 (an iteration pops one, or waits). */
void
debug_check_loop(async_loop *loop)
{
    static size_t since; /* iterations since the heap was walked */
    if (++since * 8 >= loop->timers.n) {
        check_timers(&loop->timers);
        since = 0;
    }
    check_ready(&loop->ready);
}

/* debug_error_lost: asyncio's "Task exception was never retrieved". */
void
debug_error_lost(async_task *t)
{
    if (config.debug)
        fprintf(stderr, "asyncbook: task '%s' (task %llu) failed and nobody "
                "retrieved its error: %s (code %d); await it, or read "
                "async_task_error\n", t->name, (unsigned long long)t->id,
                t->error.message, t->error.code);
}

void
debug_report_at_close(async_loop *loop)
{
    const char *fmt = "asyncbook: task '%s' (task %llu) %s\n";
    for (async_task *t = loop->tasks; config.debug && t; t = t->next) {
        bool pending = t->fut.state == FUTURE_PENDING;
        if (pending || !t->awaited)
            trace_fault(pending ? "pending" : "never_awaited", t, NULL);
        if (pending)
            fprintf(stderr, fmt, t->name, (unsigned long long)t->id,
                    "was still pending when the loop closed; it is "
                    "cancelled now (await it if its work matters)");
        else if (!t->awaited && t->state == TASK_FAILED)
            debug_error_lost(t);
        else if (!t->awaited)
            fprintf(stderr, fmt, t->name, (unsigned long long)t->id,
                    "was never awaited; its result was never read");
    }
}
