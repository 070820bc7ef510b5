/* SPDX-License-Identifier: MIT */
/* internal.h: the runtime's own structures, shared by its .c files and
 * never included by students. Read this with loop.c and task.c: the three
 * of them are the whole idea of an event loop. */
#ifndef ASYNC_INTERNAL_H
#define ASYNC_INTERNAL_H

#include <assert.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "async.h"

/* Hidden to the matching pop: the Makefile's partial link makes it local,
 * so libasync.a exports async_* only and a student's fatal() cannot clash. */
#pragma GCC visibility push(hidden)

/* ---- The context switch (switch_*.S, switch_ucontext.c) ---------------
 * struct context: where a suspended coroutine's registers are, on its own
 * stack; each switch file's header draws it, C never looks inside. The asm
 * labels give one symbol name on ELF and Mach-O alike. */
struct context;
void switch_context(struct context **old, struct context *new)
    __asm__("asyncbook_switch_context");

/* Builds in *c a context whose first switch calls entry() on the stack
 * [lo, lo + size). entry must never return. */
void context_init(struct context **c, void *lo, size_t size,
                  void (*entry)(void)) __asm__("asyncbook_context_init");

/* ---- Handles: one queued callback (loop.c, timer.c) -------------------- */
enum {
    HANDLE_OWNED = 1,     /* malloc'd: the loop frees it once it ran */
    HANDLE_CANCELLED = 2, /* skip it when its turn comes */
};

struct async_handle {
    async_callback *cb;        /* what to call */
    void *arg;                 /* its argument */
    struct async_handle *next; /* next in the ready queue or a callback list */
    double when;               /* timers: the deadline, in loop time */
    uint64_t seq;              /* timers: arming order, breaks deadline ties */
    size_t heap_index;         /* timers: position in the heap, or NO_HEAP */
    unsigned flags;            /* HANDLE_* */
};
#define NO_HEAP ((size_t)-1)

/* A FIFO of handles linked through ->next; appending never allocates. */
struct handle_list {
    async_handle *head, *tail;
};

/* Appends the list `more` (possibly empty) to l, and empties `more`.
 * Invariant: a list's tail is its last handle. */
static inline void
list_splice(struct handle_list *l, struct handle_list *more)
{
    if (more->head == NULL)
        return;
    assert(more->tail->next == NULL && (!l->tail || !l->tail->next));
    if (l->tail)
        l->tail->next = more->head;
    else
        l->head = more->head;
    l->tail = more->tail;
    more->head = more->tail = NULL;
}

static inline void
list_append(struct handle_list *l, async_handle *h)
{
    assert(h != l->tail); /* queued twice in a row: a cycle */
    h->next = NULL;
    list_splice(l, &(struct handle_list){h, h});
}

/* ---- Futures (future.c) ------------------------------------------------ */
enum future_state { FUTURE_PENDING, FUTURE_DONE, FUTURE_CANCELLED,
                    FUTURE_FAILED };

struct async_future {
    async_loop *loop;             /* the loop its callbacks run on */
    int is_task;                  /* this future is the head of a task */
    /* a waiter was cancelled (NULL: cancel the future itself): */
    void (*on_cancel)(async_future *f, async_task *waiter);
    enum future_state state;      /* pending until set or cancelled */
    async_value result;           /* valid once FUTURE_DONE */
    const async_error *error;     /* valid once FUTURE_FAILED */
    struct handle_list callbacks; /* done-callbacks, in the order added */
    struct async_future *next;    /* the loop's list of futures to free */
};

/* ---- Tasks (task.c) ---------------------------------------------------- */
enum task_state {
    TASK_NEW,       /* created, first step queued, has no stack yet */
    TASK_READY,     /* its next step is in the ready queue */
    TASK_RUNNING,   /* on the CPU now */
    TASK_WAITING,   /* suspended until something wakes it */
    TASK_DONE,      /* returned a value */
    TASK_CANCELLED, /* cancelled; its cleanup handlers have run */
    TASK_FAILED,    /* an error unwound it; its cleanup handlers have run */
};
extern const char *const task_state_name[];

/* Why a waiting task waits: in traces and deadlock messages. */
enum wait_reason {
    WAIT_NONE, WAIT_YIELD, WAIT_SLEEP, WAIT_TASK, WAIT_FUTURE,
    WAIT_GATHER, WAIT_AS_COMPLETED, WAIT_EVENT, WAIT_LOCK,
    WAIT_SEMAPHORE, WAIT_QUEUE, WAIT_IO, WAIT_THREAD,
    WAIT_CONDITION, WAIT_BARRIER, WAIT_WAIT,
};
extern const char *const wait_reason_name[];

struct cleanup {
    async_callback *fn;   /* the handler */
    void *arg;            /* its argument */
    struct cleanup *next; /* the one pushed before it */
};

/* ---- Unwinding (unwind.c): a chain of catch frames per stack --------- */
enum unwind_kind {
    UNWIND_NONE,
    UNWIND_CANCEL, /* asyncio's CancelledError (timeouts too) */
    UNWIND_CLOSE,  /* a generator closed at a yield: GeneratorExit */
    UNWIND_ERROR,  /* an async_error (error.c): error_raising says which */
};

struct catch_frame {
    jmp_buf jb;
    struct catch_frame *prev; /* the next one out, on the same stack */
    struct cleanup *mark;     /* the stack's newest handler at entry */
    int is_timeout;           /* an async_timeout scope (debug messages) */
};

struct unwind {
    struct catch_frame *catches; /* the innermost catch frame, or NULL */
    struct cleanup *cleanups;    /* handlers pushed on this stack */
    enum unwind_kind raising;    /* what the last raise carried */
    int in_handler;              /* a cleanup handler of this stack runs */
};

struct unwind *unwind_here(void);
void catch_push(struct unwind *u, struct catch_frame *f, int is_timeout);
void catch_pop(struct unwind *u, struct catch_frame *f);
_Noreturn void unwind_raise(struct unwind *u, enum unwind_kind k);

struct async_task {
    struct async_future fut; /* first: a task is a future (asyncio too) */

    /* Set at creation, read-only afterwards: */
    async_fn *fn;          /* the coroutine function */
    void *arg;             /* its argument */
    uint64_t id;           /* 1, 2, 3... in creation order */
    char name[40];         /* for messages and traces */
    struct async_task *next; /* the loop's list of all its tasks */
    struct async_task *prev; /* the same list, backwards (lifetime.c) */

    /* Only the loop and the task itself touch these: */
    enum task_state state;
    enum wait_reason why;      /* while TASK_WAITING */
    async_future *waiting_on;  /* the future (or task) it awaits, if any */
    struct context *ctx;       /* its registers while it is not running */
    void *stack;               /* lowest usable byte, NULL until first run */
    void *run_stack;           /* its own stack, or a generator's it runs */
    async_gen *gen;            /* the generator it is running, innermost */
    void *fake_stack;          /* AddressSanitizer's bookkeeping */
    async_handle step;         /* its next step, queued when it is ready;
                                  while it sleeps, its timer */
    async_handle early_wake;   /* a sleep cancelled once its timer fired:
                                  the wake-up queued at once (cancel.c) */
    struct unwind uw;          /* its own stack's catch frames, handlers */
    int cancels;               /* cancellations requested and not taken
                                  back (asyncio's cancelling()) */
    int must_cancel;           /* raise CancelledError when it resumes */
    int cancel_traced;         /* the trace has its "cancel" event */
    int unwinding;             /* running its cleanup handlers */
    int awaited;               /* someone awaited it or read its result */
    async_error error;         /* why it failed (TASK_FAILED) */
    int detached;              /* freed once done (async_task_detach) */
    int freed;                 /* debug: freed, kept only to say so */
    int holds_cancel;          /* HOLD_*: condition.c delivers it */
};

/* A condition's waiter retakes its lock before unwinding, so delivers its
 * own cancel (condition.c). NONE: task_suspend unwinds as usual; WAKE: a
 * cancel wakes it, task_suspend returns; PLACE: it stays where it waits. */
enum { HOLD_NONE, HOLD_WAKE, HOLD_PLACE };

/* task_set_state: every state change, and only these (as xv6 checks its
 * process states): new: runs, or is cancelled unrun; ready: runs; running:
 * yields, waits, returns, is cancelled or fails; waiting: woken; done: no. */
#define TASK_BIT(s) (1u << (s))
static inline void
task_set_state(async_task *t, enum task_state to)
{
    static const unsigned char legal[TASK_FAILED + 1] = {
        [TASK_NEW] = TASK_BIT(TASK_RUNNING) | TASK_BIT(TASK_CANCELLED),
        [TASK_READY] = TASK_BIT(TASK_RUNNING),
        [TASK_RUNNING] = TASK_BIT(TASK_READY) | TASK_BIT(TASK_WAITING) |
                         TASK_BIT(TASK_DONE) | TASK_BIT(TASK_CANCELLED) |
                         TASK_BIT(TASK_FAILED),
        [TASK_WAITING] = TASK_BIT(TASK_READY),
    };
    assert(legal[t->state] & TASK_BIT(to));
    (void)legal; /* in a build without assertions (make bench) */
    t->state = to;
}

/* ---- Generators (generator.c) ------------------------------------------ */
enum gen_state { GEN_NEW, GEN_PAUSED, GEN_RUNNING, GEN_DONE };

struct async_gen {
    async_gen_fn *fn;         /* the body */
    void *arg;                /* its argument */
    enum gen_state state;
    async_value value;        /* the value last yielded */
    struct context *ctx;      /* the body's registers while paused */
    struct context *caller;   /* the consumer's while the body runs */
    void *stack;              /* the body's stack, NULL when not started */
    void *caller_stack;       /* the stack the consumer runs on */
    const void *caller_bottom; /* the same, as ASan knows it */
    size_t caller_size;
    void *fake_stack;         /* ASan's bookkeeping for the body */
    async_gen *outer;         /* the one running when it resumed (nested) */
    struct unwind uw;         /* the body's catch frames and handlers */
    enum unwind_kind ended;   /* what unwound the body, if anything */
    int closing;              /* async_gen_close is unwinding it */
    int warned;               /* debug: the yield-in-timeout message */
    async_loop *loop;         /* the loop that closes it, or NULL */
    async_gen *prev, *next;   /* that loop's list of open generators */
};

/* ---- The loop (loop.c) -------------------------------------------------- */
struct timer_slot {
    double when;     /* copies of t's key, so comparing slots stays */
    uint64_t seq;    /* inside the array */
    async_handle *t; /* the timer */
};

struct timer_heap {
    struct timer_slot *a; /* a binary min-heap on (when, seq) */
    size_t n;             /* timers armed */
    size_t cap;           /* slots allocated */
};

struct async_loop {
    struct context *ctx;      /* the scheduler's registers while a task runs */
    const void *stack_bottom; /* the scheduler's stack, for ASan */
    size_t stack_size;
    struct handle_list ready; /* callbacks to run, FIFO */
    struct timer_heap timers; /* armed timers */
    async_task *current;      /* the running task, or NULL */
    async_task *tasks;        /* every task, in creation order */
    async_task *last_task;    /* the newest, where the next is linked */
    async_future *futures;    /* futures made by async_future_new */
    async_gen *gens;          /* generators not yet closed */
    void *owned;              /* other blocks freed at close (loop_alloc) */
    uint64_t next_id;         /* id of the next task */
    uint64_t next_seq;        /* arming order of the next timer */
    size_t pending;           /* tasks not yet done or cancelled */
    int stopping;             /* async_loop_stop was called */
    int running;              /* inside run_forever */
    double step_began, step_cpu0; /* loop and CPU time as a step began */
    struct io_fd *io_fds;     /* per descriptor: who waits on it (io.c) */
    int io_nfds;              /* entries in io_fds */
    size_t io_waiting;        /* descriptor directions awaited now */
    int io_epfd;              /* the epoll instance (io_epoll.c) */
    struct thread_pool *pool; /* async_to_thread's workers, or NULL */
    async_queue *queues;      /* queues, whose buffers are freed at close */
    async_stream *streams;    /* open streams, closed at close (stream.c) */
    struct grave *grave;      /* debug: what was freed, kept to say so */
};

/* loop.c. loop_current: this thread's running loop (a worker has none). */
extern _Thread_local async_loop *loop_current;
async_loop *loop_get(const char *who);
void loop_schedule(async_loop *loop, async_handle *h);
void loop_run_once(async_loop *loop);

/* lifetime.c. loop_alloc: freed at close, or by loop_release. task_live:
 * t, unless freed (debug mode names who used it). task_reap_later: free t,
 * done and detached, once the callbacks queued before now (its awaiters)
 * ran. loop_bury: free p, or in debug mode keep it to name a late use. */
void *loop_alloc(async_loop *loop, size_t size);
void loop_release(async_loop *loop, void *p);
bool loop_owns(const void *p);
void loop_free_owned(async_loop *loop);
async_task *task_live(async_task *t, const char *who);
void task_reap_later(async_task *t);
void loop_bury(async_loop *loop, void *p);
struct loop_census {
    size_t tasks;   /* tasks not freed yet */
    size_t futures; /* futures from async_future_new */
    size_t blocks;  /* blocks from loop_alloc */
};
void loop_census(async_loop *loop, struct loop_census *c);

/* timer.c */
void timer_push(struct timer_heap *h, async_handle *t);
async_handle *timer_pop(struct timer_heap *h);
void timer_remove(struct timer_heap *h, async_handle *t);
void timer_free(struct timer_heap *h);

/* clock.c: loop time and the virtual clock; a thread's job's own time: */
struct clock_job {
    double began; /* loop time when the job was submitted */
    double slept; /* the virtual seconds its libc sleeps asked for */
};
double clock_now(void);
double clock_real(void);
int clock_is_virtual(void);
void clock_check_delay(const char *who, double seconds);
double clock_deadline(const char *who, double delay);
void clock_wait(async_loop *loop, double deadline);
void clock_step(void);
void clock_computed(double cpu);
void clock_long_step(double seconds);
int clock_slept(double seconds);
void clock_job_begin(struct clock_job *c);
void clock_job_run(struct clock_job *c);
double clock_job_due(const struct clock_job *c);

/* task.c */
async_task *task_running(const char *who);
void task_suspend(async_task *t, enum wait_reason why, async_future *on);
void task_wake(async_task *t);
_Noreturn void task_unwind(async_task *t);
void task_cancel(async_task *t);
int task_uncancel(async_task *t);
void task_free(async_task *t);
void task_step(void *arg);

/* future.c */
void future_init(async_future *f, async_loop *loop);
void future_reset(async_future *f);
void future_add_handle(async_future *f, async_handle *h);
void future_remove_handle(async_future *f, async_handle *h);
void future_finish(async_future *f, enum future_state state, async_value v);

/* stack.c */
void *stack_get(const char *task_name);
void stack_put(void *lo);
size_t stack_size(void);
void stack_watch_overflow(void);
void stack_check(void *lo, const char *task_name);

/* io.c: per descriptor, its waiter in each direction: a handle (a task's
 * step, or the thread pool's), run once the fd is ready that way. */
enum { IO_READ = 1, IO_WRITE = 2 };
struct io_fd {
    async_handle *waiter[2]; /* [0] reading, [1] writing, or NULL */
    unsigned char added;     /* epoll: the kernel has an entry for it */
    unsigned char drained;   /* the last read got less than it asked */
};
int io_watch(async_loop *loop, int fd, int dir, async_handle *h);
void io_unwatch(async_loop *loop, int fd, int dir, async_handle *h);
void io_ready(async_loop *loop, int fd, unsigned events);
void io_select(async_loop *loop, double timeout);
void io_close(async_loop *loop);
/* The backend (io_epoll.c, io_poll.c); errors: -1 and errno (EINTR too).
 * arm: report fd once ready for any of mask (IO_* bits), then not until
 * armed again. wait: at most ms (-1: none), io_ready per fd; how many. */
int io_backend_init(async_loop *loop);
void io_backend_free(async_loop *loop);
int io_backend_arm(async_loop *loop, int fd, unsigned mask);
int io_backend_wait(async_loop *loop, int ms);

/* The runtime belongs to the thread that first used it (thread.c). Every
 * entry point checks LOOP_THREAD_ONLY (one thread-local load), or reaches
 * loop_get or task_running, which check once they find no loop. */
extern _Thread_local bool on_loop_thread;
extern _Thread_local bool on_worker_thread; /* inside async_to_thread's fn */
bool thread_foreign(void); /* a thread the program made itself */
void thread_claim(const char *who); /* the first call on a thread */
size_t thread_jobs(async_loop *loop); /* jobs the loop has not collected */
void thread_close(async_loop *loop);
#define LOOP_THREAD_ONLY(who)          \
    do {                               \
        if (!on_loop_thread)           \
            thread_claim(who);         \
    } while (0)

void queue_free_all(async_loop *loop); /* queue.c: buffers, at close */

/* condition.c: async_condition_wait_for, tracing why (barriers use it). */
bool condition_wait_for(async_condition *c, async_predicate *pred,
                        void *arg, enum wait_reason why);

void stream_close_all(async_loop *loop); /* stream.c: at close */

/* cancel.c */
bool cancel_stop_waiting(async_task *t);
void cancel_leave(async_future *f, async_task *waiter);

/* error.c: the error being raised now, on this thread (one at a time:
 * the catch frame that stops it copies it before anything else runs). */
extern _Thread_local async_error error_raising;
_Noreturn void error_raise(const async_error *e);
_Noreturn void task_raise_outcome(async_task *t);

/* generator.c */
async_gen *gen_running(void);
void gen_close_all(async_loop *loop);

/* debug.c: settings from the environment, checks, fatal errors */
struct config {
    int loaded;          /* the environment was read */
    int debug;           /* ASYNC_DEBUG */
    FILE *trace;         /* ASYNC_TRACE, or NULL */
    double trace_origin; /* real-clock time subtracted in traces */
};
extern struct config config;
void config_load(void);
_Noreturn void fatal_no_task(const char *who);
_Noreturn void fatal_no_loop(const char *who);
_Noreturn void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void debug_step_begin(async_loop *loop);
double debug_step_cpu(async_loop *loop); /* for the trace */
void debug_step_end(async_loop *loop, async_task *t);
void debug_report_deadlock(async_loop *loop);
void debug_report_at_close(async_loop *loop);
void debug_check_loop(async_loop *loop); /* O(n) invariants, debug mode */
void debug_error_lost(async_task *t);

/* trace.c: one JSON object per line; see TRACE.md */
void trace_event(const char *ev, const async_task *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void trace_fault(const char *kind, const async_task *t, const char *message);
void trace_overflow(const char *task_name, size_t stack);
#define TRACE(...)                             \
    do {                                       \
        if (config.trace)                      \
            trace_event(__VA_ARGS__);          \
    } while (0)

#pragma GCC visibility pop

#include "fiber.h" /* telling AddressSanitizer of each switch */

#endif /* ASYNC_INTERNAL_H */
