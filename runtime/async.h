/* SPDX-License-Identifier: MIT */
/*
 * async.h: everything a student may call. asyncbook's runtime mirrors
 * Python's asyncio: one event loop on one thread, tasks that take turns at
 * their suspension points, futures, timers. Each section below is one
 * concept, in the order the lessons teach them; each function says what it
 * does, what it returns, whether it may suspend (switch to another task)
 * and who frees what it returns.
 *
 * Ownership: everything created on a loop (tasks, futures, generators)
 * belongs to that loop and is freed when the loop closes (async_run
 * closes its loop for you). The rule for tasks, in one sentence: a task
 * lives until the loop closes unless you detach it (async_task_detach,
 * as pthread_detach), which frees it as soon as it is done and makes it
 * no longer yours to pass to any call. What the runtime makes for you
 * and you never see is freed once it is done: a server's client tasks,
 * async_gather_fn's tasks, async_shield's futures, an as_completed
 * iterator once it has returned NULL.
 *
 * One thread: the loop, its tasks, the clock, the settings and the stack
 * size belong to the thread that first calls the runtime (the one that
 * runs async_run). Any async_* call from another thread (a function run
 * by async_to_thread, a pthread of your own) stops the program with a
 * line naming the call. To run blocking work beside the loop, a task
 * awaits async_to_thread.
 */
#ifndef ASYNC_H
#define ASYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h> /* ssize_t */

/* ==== Values ==========================================================
 * A task's result: an integer, a floating-point number or a pointer. Read
 * back the member you stored (.i, .d or .p); storing one and reading
 * another is the one thing to avoid.
 */
typedef union async_value {
    long i;   /* an integer result */
    double d; /* a floating-point result */
    void *p;  /* a pointer result (the task's caller owns what it points to) */
} async_value;

#define ASYNC_INT(x) ((async_value){.i = (x)})
#define ASYNC_DOUBLE(x) ((async_value){.d = (x)})
#define ASYNC_PTR(x) ((async_value){.p = (x)})
#define ASYNC_NONE ((async_value){.i = 0})

/* A coroutine function: what asyncio writes as `async def f(arg)`. Calling
 * it directly from a task is `await f(arg)`: it runs inline, in the
 * caller's task. Handing it to async_create_task makes it a task. */
typedef async_value async_fn(void *arg);

typedef struct async_loop async_loop;
typedef struct async_task async_task;
typedef struct async_future async_future;
typedef struct async_handle async_handle;

/* An error: what asyncio raises as an exception. code is the program's
 * own number for the kind of error (never 0; ASYNC_CANCELLED is the
 * cancellation, asyncio's CancelledError); message says what happened.
 * See the section "Errors" below. */
typedef struct async_error {
    int code;
    char message[120];
} async_error;
#define ASYNC_CANCELLED (-1)

/* ==== Running a program ================================================ */

/* async_run: asyncio.run(main(arg)). Creates a fresh loop, runs main(arg)
 * as the task 'main' until it returns, lets the callbacks already queued
 * run, cancels every task still pending (their cleanup handlers run),
 * closes the loop and frees everything on it. Returns main's result;
 * ASYNC_NONE if main ended cancelled (asyncio.run raises CancelledError:
 * to tell, run main with the loop calls below and ask
 * async_task_cancelled); a main that failed stops the program, naming
 * the error (asyncio.run raises it).
 * Must be called outside any task, on the loop's thread (a function run
 * by async_to_thread may not); never suspends. */
async_value async_run(async_fn *main, void *arg);

/* ==== Callbacks: the loop's Handle layer =================================
 * A callback is a plain function the loop calls later, on its own stack.
 * Tasks are built on these: a task's every step is one callback.
 */
typedef void async_callback(void *arg);

/* async_call_soon: loop.call_soon(cb, arg). Queues cb(arg) at the back of
 * the current loop's ready queue. Returns a handle, valid until cb has run
 * or been cancelled (the loop frees it then). Never suspends. */
async_handle *async_call_soon(async_callback *cb, void *arg);

/* async_call_later: loop.call_later(delay, cb, arg). Runs cb(arg) on the
 * first loop iteration at or after async_time() + delay seconds. Returns a
 * handle as async_call_soon does. Never suspends. */
async_handle *async_call_later(double delay, async_callback *cb, void *arg);

/* async_handle_cancel: handle.cancel(). The callback will not run. Only
 * valid before it has run. Never suspends. */
void async_handle_cancel(async_handle *h);

/* ==== The event loop, by hand ============================================
 * asyncio.new_event_loop() and friends, for the lesson on loops. Most
 * programs only need async_run.
 */

/* async_loop_new: asyncio.new_event_loop() followed by set_event_loop():
 * the new loop becomes the current one (the one async_call_soon, futures
 * and async_create_task outside a task use). Free it with async_loop_close.
 */
async_loop *async_loop_new(void);

/* async_loop_create_task: loop.create_task(fn(arg)). Queues the task's
 * first step on loop; nothing runs until the loop does. The task is named
 * after fn. Returns the task, owned by loop. */
#define async_loop_create_task(loop, fn, arg) \
    async_loop_create_task_named((loop), (fn), (arg), #fn)
async_task *async_loop_create_task_named(async_loop *loop, async_fn *fn,
                                         void *arg, const char *name);

/* async_loop_run_until_complete: runs loop until task t is done, then
 * returns t's result (ASYNC_NONE if t was cancelled). Outside tasks only. */
async_value async_loop_run_until_complete(async_loop *loop, async_task *t);

/* async_loop_run_forever / async_loop_stop: run until a callback or a
 * task calls async_loop_stop(loop); the iteration in which stop was
 * called still finishes. Outside tasks only; async_loop_stop never
 * suspends. */
void async_loop_run_forever(async_loop *loop);
void async_loop_stop(async_loop *loop);

/* async_loop_close: loop.close(). Cancels what is still pending (cleanup
 * handlers run), then frees the loop and everything on it: tasks,
 * futures, handles. Pointers to them are invalid afterwards. */
void async_loop_close(async_loop *loop);

/* ==== Time =============================================================== */

/* async_time: loop.time(), in seconds. Monotonic; under the virtual clock
 * (ASYNC_CLOCK=virtual, or async_use_virtual_clock) it starts at 0 and
 * jumps to the next timer whenever nothing is ready. */
double async_time(void);

/* async_use_virtual_clock: switch the clock before the first loop is
 * created. The grader always runs programs under the virtual clock. */
void async_use_virtual_clock(bool on);

/* ==== Tasks ============================================================== */

/* async_create_task: asyncio.create_task(fn(arg)). Wraps fn(arg) in a task
 * on the running loop and queues its first step at the back of the ready
 * queue; the caller runs on until it suspends. The task is named after
 * the text you pass as fn (a helper that receives a function pointer `f`
 * would name every task 'f': call async_create_task_named there). Returns
 * the task, owned by the loop until it closes, or freed once done if you
 * detach it (async_task_detach). Never suspends. */
#define async_create_task(fn, arg) async_create_task_named((fn), (arg), #fn)
async_task *async_create_task_named(async_fn *fn, void *arg,
                                    const char *name);

/* async_task_await: `await task`. Returns task's result. If the task is
 * already done it returns at once without suspending; otherwise the
 * caller suspends until the task finishes (and resumes one iteration
 * later). If t was cancelled, the caller is cancelled too, as
 * CancelledError propagates in asyncio; if t failed, its error is raised
 * in the caller (see "Errors"). Only inside a task. */
async_value async_task_await(async_task *t);

/* async_task_done / async_task_result: task.done(), task.result(). The
 * result of a task that is not done is an error (the program stops with a
 * message naming the task); the result of a failed task raises its error
 * in the calling task. Never suspend. */
bool async_task_done(async_task *t);
async_value async_task_result(async_task *t);

/* async_task_detach: pthread_detach for a task. You will make no more
 * calls on t: it is freed as soon as it is done (at once if it is), and
 * the memory of a program that starts tasks for ever stays flat. Detach
 * after your last await, result or cancel of t; a task started to run on
 * its own can be detached as it is created. In debug mode a call on t
 * after it was freed stops the program with a message. Never suspends. */
void async_task_detach(async_task *t);

/* async_task_name: task.get_name(). The string belongs to the task. */
const char *async_task_name(async_task *t);

/* async_current_task: asyncio.current_task(), or NULL outside a task. */
async_task *async_current_task(void);

/* ==== Sleeping =========================================================== */

/* async_sleep: await asyncio.sleep(seconds). Suspends the calling task and
 * lets the loop run others. async_sleep(0) just moves the task to the back
 * of the ready queue; a positive delay arms a timer and the task resumes
 * on the iteration after it fires. Only inside a task. */
void async_sleep(double seconds);

/* ==== Futures ============================================================
 * A future is a placeholder for a result that someone will set later.
 * A task is a future too: it is set when the task's function returns.
 */

/* async_future_new: loop.create_future() on the current loop. Returns a
 * pending future, owned by the loop. Never suspends. */
async_future *async_future_new(void);

/* async_future_set_result: marks f done with value v and schedules its
 * done-callbacks (and the tasks awaiting it) with call_soon, in the order
 * they were added. Setting a future twice is an error. Never suspends. */
void async_future_set_result(async_future *f, async_value v);

/* async_future_done / async_future_result: as for tasks. */
bool async_future_done(async_future *f);
async_value async_future_result(async_future *f);

/* async_future_await: `await future`. Returns at once if f is done,
 * otherwise suspends until it is. Only inside a task. */
async_value async_future_await(async_future *f);

/* async_future_add_done_callback: future.add_done_callback(cb). cb(f, arg)
 * is scheduled with call_soon when f is done (at once if it already is).
 * Never suspends. */
typedef void async_done_callback(async_future *f, void *arg);
void async_future_add_done_callback(async_future *f, async_done_callback *cb,
                                    void *arg);

/* async_task_future: the future inside task t (a Task is a Future), for
 * async_future_add_done_callback on a task. Owned by the task. */
async_future *async_task_future(async_task *t);

/* ==== await, done, result on anything awaitable ===========================
 * asyncio's `await x` works on tasks and futures alike; so do these. (A
 * coroutine function is awaited by calling it: see async_fn.)
 */
#define async_await(x)                                 \
    _Generic((x), async_task *: async_task_await,      \
             async_future *: async_future_await)(x)
#define async_done(x)                                  \
    _Generic((x), async_task *: async_task_done,       \
             async_future *: async_future_done)(x)
#define async_result(x)                                \
    _Generic((x), async_task *: async_task_result,     \
             async_future *: async_result_of_future)(x)
/* async_result on a future: async_future_result, but its messages say
 * async_result, as the program does. */
async_value async_result_of_future(async_future *f);

/* ==== gather and as_completed ============================================ */

/* async_gather: await asyncio.gather(t[0], ..., t[n-1]). Suspends until
 * every task is done and writes their results to results[0..n-1] in
 * argument order, whatever order they finished in (results may be NULL).
 * The first task to fail raises its error in the caller at once (the
 * others keep running), as asyncio's gather does. Only inside a task. */
void async_gather(async_task **tasks, size_t n, async_value *results);

/* async_gather_fn: the common case `gather(fn(args[0]), ..., fn(args[n-1]))`:
 * creates the n tasks (named after fn) in argument order, then gathers
 * them. args may be NULL (every task gets NULL). You never see the
 * tasks: they are freed once gathered (or, if the caller is cancelled,
 * once they have ended). */
#define async_gather_fn(fn, args, n, results) \
    async_gather_fn_named((fn), (args), (n), (results), #fn)
void async_gather_fn_named(async_fn *fn, void **args, size_t n,
                           async_value *results, const char *name);

/* async_gather_settled: await asyncio.gather(*tasks,
 * return_exceptions=True). Waits until every task is done, whatever each
 * did, and writes results[i] (ASYNC_NONE where it did not return) and
 * errors[i]: NULL if tasks[i] returned, else its error (code
 * ASYNC_CANCELLED if it was cancelled), owned by the task. Either array
 * may be NULL. If the caller is cancelled, every task is cancelled too.
 * Only inside a task. */
void async_gather_settled(async_task **tasks, size_t n, async_value *results,
                          const async_error **errors);

/* async_as_completed: for t in asyncio.as_completed(tasks). An iterator
 * over the n tasks in the order they finish:
 *
 *     async_as_completed *it = async_as_completed_new(tasks, n);
 *     async_task *t;
 *     while ((t = async_as_completed_next(it)) != NULL)
 *         printf("Result: %ld\n", async_result(t).i);
 *
 * next suspends until one more task is done and returns it, or returns
 * NULL (without suspending) when all n were returned. That NULL also
 * frees the iterator: do not call next on it again. One you stop using
 * before is freed when the loop closes. Only inside a task. */
typedef struct async_as_completed async_as_completed;
async_as_completed *async_as_completed_new(async_task **tasks, size_t n);
async_task *async_as_completed_next(async_as_completed *it);

/* ==== Cancellation ========================================================
 * task.cancel(): the task is cancelled at the point where it is suspended
 * (a ready task, woken but not yet run, in the wait it was woken from; a
 * running task that cancels itself, at its next suspension): asyncio's
 * CancelledError is raised there, once. It runs no further code of its
 * own past that point, except its cleanup handlers, which run last-pushed
 * first, as pthread_cleanup_push's do, unless an async_try around that
 * point catches the cancellation (see "Errors"). A task that awaits
 * another when it is cancelled cancels that one instead, and is
 * cancelled when it ends cancelled.
 */

/* async_cancel: requests cancellation of t. Returns false if t is already
 * done. Never suspends (t is cancelled when the loop next reaches it). */
bool async_cancel(async_task *t);

/* async_task_cancelled: task.cancelled(). */
bool async_task_cancelled(async_task *t);

/* async_cleanup_push / async_cleanup_pop: register fn(arg) to run if the
 * current task is cancelled, or an error unwinds it, before the matching
 * pop. pop(true) also runs it now. Pushes and pops pair up within one
 * function, like braces. A handler must not suspend (a finally that
 * awaits is written with async_try). */
void async_cleanup_push(async_callback *fn, void *arg);
void async_cleanup_pop(bool run);

/* async_task_cancelling / async_task_uncancel: task.cancelling(),
 * task.uncancel(): how many cancellations of t were requested and not
 * taken back; uncancel takes one back and returns how many are left.
 * Timeouts and task groups use them to tell their own cancellation from
 * someone else's. Never suspend. */
int async_task_cancelling(async_task *t);
int async_task_uncancel(async_task *t);

/* ==== Errors ==============================================================
 * asyncio's exceptions. async_raise is `raise`: the running task unwinds
 * from there as a cancelled one does (the cleanup handlers pushed since
 * the innermost async_try or async_timeout run, newest first) and, if
 * nothing catches it, ends failed. Awaiting a failed task raises the same
 * error in the awaiter, and so on up. A try is a scope, as a timeout is:
 *
 *     async_error e;
 *     if (!async_try(fetch, url, &v, &e)) {    // try: v = await fetch(url)
 *         if (e.code == ASYNC_CANCELLED) {      // except CancelledError:
 *             async_sleep(0.1);                 //     await flush()
 *             return ASYNC_INT(-1);             //     return -1
 *         }
 *         async_reraise(&e);                    // except: raise
 *     }
 *
 * A finally that awaits is the same shape: try, then the awaits, then
 * async_reraise if the try failed. A task that catches its cancellation
 * and returns normally is not cancelled: it is done, with that value.
 */

/* async_raise: raise an error with code (not 0) and a printf message (cut
 * to fit async_error.message). Only inside a task (or a generator body it
 * runs); never returns. async_raise(ASYNC_CANCELLED, ...) raises a
 * cancellation. */
_Noreturn void async_raise(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* async_try: try: await body(arg) / except BaseException. Runs body
 * inline, in the calling task. Returns true and stores body's result in
 * *out if it returns; returns false and stores what it raised in *err (an
 * error, or the cancellation: code ASYNC_CANCELLED) if it raised. out and
 * err may be NULL. After a false return the task runs on normally and may
 * suspend again. Only inside a task. */
bool async_try(async_fn *body, void *arg, async_value *out, async_error *err);

/* async_reraise: `raise` inside an except: raises err again (a
 * cancellation if err->code is ASYNC_CANCELLED). Never returns. */
_Noreturn void async_reraise(const async_error *err);

/* async_task_error / async_task_failed: task.exception(): t's error if it
 * failed, else NULL (the error is owned by t); and whether t is done and
 * failed. Both count as retrieving the error. Never suspend. */
const async_error *async_task_error(async_task *t);
bool async_task_failed(async_task *t);

/* ==== Task groups =========================================================
 * asyncio.TaskGroup: structured concurrency. Tasks created in a group
 * cannot outlive it: leaving the group waits for every one of them. The
 * first child to fail cancels the others and the body; then the group
 * reports every error.
 */
typedef struct async_task_group async_task_group;
typedef async_value async_group_fn(async_task_group *tg, void *arg);

/* A list of errors, asyncio's ExceptionGroup: errors[0..n-1], in the
 * order they happened. Owned by the loop. */
typedef struct async_error_list {
    size_t n;
    const async_error *errors;
} async_error_list;

/* async_task_group_run: async with asyncio.TaskGroup() as tg: await
 * body(tg, arg). Runs body inline, then waits until every task of tg is
 * done. Returns true and stores body's result in *out if nothing failed.
 * If a child fails, the other children and the body are cancelled (their
 * cleanup handlers run), every child is waited for, and it returns false
 * with every error (children's, then the body's) in *errors. If the
 * calling task is cancelled, the children are cancelled too and the
 * cancellation goes on once they are done. out and errors may be NULL.
 * Only inside a task. */
bool async_task_group_run(async_group_fn *body, void *arg, async_value *out,
                          async_error_list *errors);

/* async_task_group_create_task: tg.create_task(fn(arg)): a task in tg,
 * named after fn. Only while tg runs and is not shutting down. */
#define async_task_group_create_task(tg, fn, arg) \
    async_task_group_create_task_named((tg), (fn), (arg), #fn)
async_task *async_task_group_create_task_named(async_task_group *tg,
                                               async_fn *fn, void *arg,
                                               const char *name);

/* ==== Timeouts and shielding ==============================================
 * A timeout is a cancellation the runtime sends when time is up. What it
 * cancels unwinds as any cancelled code does (its cleanup handlers run),
 * and the caller learns of it from a false return: asyncio's TimeoutError.
 */

/* async_wait_for: await asyncio.wait_for(t, seconds). Returns true and
 * stores t's result in *out (out may be NULL) if t finishes within seconds
 * (if t fails in time, its error is raised in the caller). Otherwise
 * cancels t, waits until its cleanup handlers have run, and returns
 * false. If the caller itself is cancelled meanwhile, t is
 * cancelled too and the caller unwinds. A negative seconds means no
 * deadline. Only inside a task. */
bool async_wait_for(async_task *t, double seconds, async_value *out);

/* async_timeout: async with asyncio.timeout(seconds): await body(arg).
 * Runs body inline, in the calling task, under a deadline. Returns true
 * and stores body's result in *out (out may be NULL) if body returns in
 * time. If body is still suspended when the deadline passes, it is
 * cancelled at that suspension point: the cleanup handlers it pushed run,
 * newest first, and async_timeout returns false. A negative seconds means
 * no deadline. Timeouts nest: an inner one that expires returns false to
 * the code around it; an outer one that expires unwinds through the inner
 * ones and returns false (it wins when both expire at once, as in
 * asyncio). Only inside a task. */
bool async_timeout(double seconds, async_fn *body, void *arg,
                   async_value *out);

/* async_shield: await asyncio.shield(t). As async_await(t), but if the
 * caller is cancelled while it waits, only the caller unwinds: t runs on
 * to its end (say, the save that must not be cut in half). The future the
 * caller waits on is the runtime's and freed once both are done. Only
 * inside a task. */
async_value async_shield(async_task *t);

/* ==== Synchronisation =====================================================
 * asyncio's Event, Lock, Semaphore and Queue. Waiters are served first
 * come, first served. All belong to the current loop and are freed when
 * it closes.
 */

/* An event: a flag tasks can wait for. */
typedef struct async_event async_event;

/* async_event_new: asyncio.Event(), initially clear. */
async_event *async_event_new(void);

/* async_event_set: sets the flag and wakes every waiting task (they
 * resume on the next iteration, in the order they began to wait). */
void async_event_set(async_event *e);

/* async_event_clear / async_event_is_set: clear the flag / read it. */
void async_event_clear(async_event *e);
bool async_event_is_set(async_event *e);

/* async_event_wait: await event.wait(). Returns at once if the flag is
 * set, else suspends until it is. Only inside a task. */
void async_event_wait(async_event *e);

/* A lock: asyncio.Lock. One task holds it at a time; the others wait in
 * the order they asked. Release hands it to the first waiter. */
typedef struct async_lock async_lock;

/* async_lock_new: asyncio.Lock(), unlocked. */
async_lock *async_lock_new(void);

/* async_lock_acquire: await lock.acquire(). Takes the lock if it is free
 * and nobody waits for it; otherwise suspends until it is handed over.
 * A task cancelled while it waits never holds the lock. Only inside a
 * task. */
void async_lock_acquire(async_lock *l);

/* async_lock_release: lock.release(). Releasing a lock that is not held
 * is an error (the program stops with a message). Never suspends. */
void async_lock_release(async_lock *l);

/* async_lock_locked: lock.locked(). */
bool async_lock_locked(async_lock *l);

/* A semaphore: asyncio.Semaphore(value), a counter of free places.
 * Acquire takes one (waiting, in order, while there is none); release
 * gives one back. The bounded kind (asyncio.BoundedSemaphore) treats a
 * release beyond the initial value as an error: a release without its
 * acquire. */
typedef struct async_semaphore async_semaphore;
async_semaphore *async_semaphore_new(long value);
async_semaphore *async_bounded_semaphore_new(long value);

/* async_semaphore_acquire: await sem.acquire(). Only inside a task. */
void async_semaphore_acquire(async_semaphore *s);

/* async_semaphore_release: sem.release(). Never suspends. */
void async_semaphore_release(async_semaphore *s);

/* async_semaphore_locked: sem.locked(): acquire would wait. */
bool async_semaphore_locked(async_semaphore *s);

/* A queue: asyncio.Queue(maxsize), first in, first out. With maxsize > 0
 * put waits while the queue is full: that is back-pressure, a fast
 * producer slowed to its consumers' pace. maxsize 0 means unbounded. */
typedef struct async_queue async_queue;
async_queue *async_queue_new(size_t maxsize);

/* async_queue_put: await queue.put(v). Suspends while the queue is full.
 * Only inside a task. */
void async_queue_put(async_queue *q, async_value v);

/* async_queue_get: await queue.get(). Suspends while the queue is empty;
 * returns the oldest item. Only inside a task. */
async_value async_queue_get(async_queue *q);

/* async_queue_put_nowait / async_queue_get_nowait: never suspend. They
 * return false (asyncio's QueueFull, QueueEmpty) instead of waiting;
 * get_nowait stores the item in *out. */
bool async_queue_put_nowait(async_queue *q, async_value v);
bool async_queue_get_nowait(async_queue *q, async_value *out);

/* async_queue_size / empty / full: qsize(), empty(), full(). */
size_t async_queue_size(async_queue *q);
bool async_queue_empty(async_queue *q);
bool async_queue_full(async_queue *q);

/* async_queue_task_done / async_queue_join: queue.task_done() and await
 * queue.join(). Every put adds one unfinished item, every task_done
 * removes one; join suspends until none is left. task_done called more
 * often than put is an error. join only inside a task. */
void async_queue_task_done(async_queue *q);
void async_queue_join(async_queue *q);

/* ==== Conditions ==========================================================
 * asyncio.Condition: a lock plus a line of tasks waiting to be told that
 * something changed. The pattern is always the same: take the lock, test
 * what you wait for, wait while it is false, act, release:
 *
 *     async_condition_acquire(c);
 *     async_condition_wait_for(c, has_item, buf);
 *     take_item(buf);
 *     async_condition_release(c);
 *
 * and whoever changes the state notifies while holding the lock.
 */
typedef struct async_condition async_condition;

/* A predicate for async_condition_wait_for: asyncio's `lambda: ...`. It
 * runs with the lock held and must not suspend. */
typedef bool async_predicate(void *arg);

/* async_condition_new: asyncio.Condition(lock). lock NULL gives the
 * condition a lock of its own; otherwise it shares the given lock (which
 * then must outlive it; both belong to the loop). Never suspends. */
async_condition *async_condition_new(async_lock *lock);

/* async_condition_acquire / release / locked: the lock's acquire(),
 * release() and locked(), as asyncio exports them. acquire may suspend
 * (only inside a task); the others never do. */
void async_condition_acquire(async_condition *c);
void async_condition_release(async_condition *c);
bool async_condition_locked(async_condition *c);

/* async_condition_wait: await cond.wait(). The caller must hold the lock
 * (else the program stops with a message: asyncio's RuntimeError). It
 * releases the lock, suspends until notified, then takes the lock again
 * (waiting in line for it) before it returns. A task cancelled (or timed
 * out) while it waits takes the lock again first, then unwinds: its
 * cleanup handlers run holding the lock, as asyncio's `finally` and
 * `async with` do. A notified task that is cancelled before it resumes
 * loses that notification (asyncio 3.11 too). Only inside a task. */
void async_condition_wait(async_condition *c);

/* async_condition_wait_for: await cond.wait_for(pred): while pred(arg)
 * is false, wait. Returns pred's last value (true). The lock must be
 * held; if pred is already true it returns without suspending. */
bool async_condition_wait_for(async_condition *c, async_predicate *pred,
                              void *arg);

/* async_condition_notify / notify_all: cond.notify(n), notify_all().
 * Wakes the first n tasks waiting (all of them), in the order they began
 * to wait; each resumes once it holds the lock again, so the caller must
 * release it. The lock must be held. Never suspend. */
void async_condition_notify(async_condition *c, size_t n);
void async_condition_notify_all(async_condition *c);

/* ==== Barriers ============================================================
 * asyncio.Barrier (3.11): parties tasks meet; each waits until the last
 * arrives, then all go on together. The barrier then fills again for the
 * next round.
 */
typedef struct async_barrier async_barrier;

/* async_barrier_new: asyncio.Barrier(parties); parties must be at least
 * 1. Never suspends. */
async_barrier *async_barrier_new(long parties);

/* async_barrier_wait: await barrier.wait(). Suspends until parties tasks
 * are waiting, then returns this task's arrival index, 0 for the first
 * to arrive and parties - 1 for the last (which does not suspend to wait
 * for the others). Returns ASYNC_BROKEN instead (asyncio's
 * BrokenBarrierError) if the barrier is or becomes broken (abort) or is
 * reset while the task waits. The waiters resume in the order they
 * arrived, after the last one. Only inside a task. */
#define ASYNC_BROKEN (-1L)
long async_barrier_wait(async_barrier *b);

/* async_barrier_parties / n_waiting / broken: barrier.parties,
 * barrier.n_waiting (tasks waiting for this round), barrier.broken. */
long async_barrier_parties(async_barrier *b);
long async_barrier_n_waiting(async_barrier *b);
bool async_barrier_broken(async_barrier *b);

/* async_barrier_reset: await barrier.reset(): back to empty; the tasks
 * waiting get ASYNC_BROKEN. async_barrier_abort: await barrier.abort():
 * broken for good; waiting and later tasks get ASYNC_BROKEN. Both take
 * the barrier's lock, so they may suspend. Only inside a task. */
void async_barrier_reset(async_barrier *b);
void async_barrier_abort(async_barrier *b);

/* ==== wait: the first, the first failure, or all ==========================
 * asyncio.wait(tasks, return_when=..., timeout=...): suspend until a
 * condition on a group of tasks holds, then say which are done. Unlike
 * gather and wait_for it never cancels anything: what is still pending
 * is the caller's to cancel or await.
 */
enum async_return_when {
    ASYNC_FIRST_COMPLETED, /* as soon as any task is done */
    ASYNC_FIRST_EXCEPTION, /* as soon as one fails, else when all are done */
    ASYNC_ALL_COMPLETED,   /* when every task is done */
};

/* The two sets asyncio.wait returns, in argument order (asyncio's sets
 * have no order; ours keep yours). The arrays belong to the loop, until
 * async_wait_sets_free. */
typedef struct async_wait_sets {
    async_task **done;    /* the tasks done (or cancelled) */
    size_t ndone;
    async_task **pending; /* the tasks still running */
    size_t npending;
} async_wait_sets;

/* async_wait: done, pending = await asyncio.wait(tasks, timeout=timeout,
 * return_when=return_when). Suspends until return_when holds or timeout
 * seconds have passed (a negative timeout: no limit), then sorts the n
 * tasks into done and pending. A time-out is no error: the tasks not
 * done are in pending. Like asyncio it always suspends, even if tasks
 * are already done, and a task cancelled counts as done, not as failed.
 * If the caller is cancelled, the tasks are not. Each task once; n at
 * least 1. Only inside a task. */
async_wait_sets async_wait(async_task **tasks, size_t n,
                           enum async_return_when return_when,
                           double timeout);

/* async_wait_sets_free: frees s's arrays now rather than when the loop
 * closes (a loop that calls async_wait again and again frees each
 * result), and empties s. Once per result; never suspends. */
void async_wait_sets_free(async_wait_sets *s);

/* ==== Non-blocking I/O =====================================================
 * A task that reads from a socket with nothing to read must not block the
 * loop: it asks the loop to wake it when the descriptor is ready, and
 * others run meanwhile. The loop's iteration waits in epoll (Linux) or
 * poll (elsewhere) instead of sleeping. Every function below returns -1
 * and sets errno on failure, as the system calls do, retries EINTR, and
 * suspends instead of returning EAGAIN. Descriptors they make are
 * non-blocking and close-on-exec.
 *
 * Under the virtual clock, time jumps only when no descriptor is ready
 * and no thread (async_to_thread) is still running.
 */
/* async_wait_readable / async_wait_writable: loop.add_reader, as an
 * await: suspend until fd can be read (or written) without blocking, or
 * has hung up. Returns 0. One task at a time may wait on each fd and
 * direction. Only inside a task. */
int async_wait_readable(int fd);
int async_wait_writable(int fd);

/* async_read: read(2) on a non-blocking fd, suspending while there is
 * nothing to read. Returns the bytes read (at most n), 0 at end of file. */
ssize_t async_read(int fd, void *buf, size_t n);

/* async_write: writes all n bytes, suspending while the fd is full.
 * Returns n, or -1 (errno EPIPE or ECONNRESET when the peer has gone: no
 * SIGPIPE kills the program; for a pipe, SIGPIPE is ignored from then on,
 * as Python always does, unless the program handles it). */
ssize_t async_write(int fd, const void *buf, size_t n);

/* async_tcp_listen: a listening TCP socket on host:port ("127.0.0.1";
 * port 0 picks a free one: async_tcp_port tells which). Never suspends. */
int async_tcp_listen(const char *host, int port);
int async_tcp_port(int fd);

/* async_tcp_accept: await a client on a listening socket. Returns its
 * connected socket. On EMFILE/ENFILE (out of descriptors) it returns -1
 * at once, so a server can say so and go on serving the clients it has. */
int async_tcp_accept(int listen_fd);

/* async_tcp_connect: asyncio's sock_connect: connects to host:port,
 * suspending until the connection is made. Returns the socket. */
int async_tcp_connect(const char *host, int port);

/* A stream: a connected socket with a read buffer, for line protocols:
 * asyncio's StreamReader and StreamWriter in one. */
typedef struct async_stream async_stream;

/* async_stream_new: wraps fd (made non-blocking); the stream owns it.
 * async_open_connection: asyncio.open_connection(host, port); NULL (and
 * errno) if the connection fails. */
async_stream *async_stream_new(int fd);
async_stream *async_open_connection(const char *host, int port);

/* async_stream_read: reader.read(n): up to n bytes, 0 at end of file. */
ssize_t async_stream_read(async_stream *s, void *buf, size_t n);

/* async_stream_readline: reader.readline(). Reads through the next '\n'
 * (kept) into buf and NUL-terminates it; returns its length. A line
 * longer than size - 1 comes back in pieces of size - 1 bytes. At end of
 * file returns what is left without a '\n', then 0. */
ssize_t async_stream_readline(async_stream *s, char *buf, size_t size);

/* async_stream_write: writer.write(buf) + await writer.drain(). */
ssize_t async_stream_write(async_stream *s, const void *buf, size_t n);

/* async_stream_fd / async_stream_close: the descriptor; writer.close()
 * (closes the fd, frees the stream). A client function of
 * async_start_server may close its stream: the server's own close after
 * it returns is then harmless, as in asyncio. */
int async_stream_fd(async_stream *s);
void async_stream_close(async_stream *s);

/* async_start_server: asyncio.start_server(client, host, port). Listens on
 * host:port and starts a task 'server' that accepts clients, running each
 * as its own task that calls client(stream, arg) and then closes the
 * stream; a client's task (and its stream) is freed when it ends, so a
 * server that runs for a day stays the size it was after a minute. Out
 * of descriptors, it prints one line saying so, waits a little and
 * accepts again; the clients it has are served meanwhile.
 * Returns NULL (and errno) if it cannot listen. Only inside a task. */
typedef struct async_server async_server;
typedef void async_client_fn(async_stream *s, void *arg);
async_server *async_start_server(async_client_fn *client, void *arg,
                                 const char *host, int port);

/* async_server_port: the port it listens on. async_server_close: stop
 * accepting and close the listening socket; clients already connected
 * carry on. Never suspend. */
int async_server_port(async_server *srv);
void async_server_close(async_server *srv);

/* ==== Threads for blocking calls ===========================================
 * A blocking call (a library with no async version, a long computation)
 * cannot be made non-blocking, but it can run on another thread.
 */

/* async_to_thread: await asyncio.to_thread(fn, arg). Runs fn(arg) on a
 * worker thread and suspends the calling task until it returns; other
 * tasks run meanwhile. fn must not call the runtime (it is not a task,
 * and the loop is not thread-safe): a call that touches the loop stops
 * the program with a message. Under the virtual clock a libc sleep
 * inside fn takes no real time and delays fn's result by the time asked
 * for, so runs stay exact. If the
 * caller is cancelled, it unwinds at once; fn runs on to its end and its
 * result is dropped (as asyncio's). Only inside a task. */
async_value async_to_thread(async_fn *fn, void *arg);

/* ==== Generators ==========================================================
 * A generator is a function that hands out values one at a time and
 * pauses in between: Python's `def g(): yield 1; yield 2`. Its body calls
 * async_yield; each async_gen_next runs it up to the next yield. Inside a
 * task the body may also await (async_sleep...) between yields: that is
 * an async generator, consumed with `async for`.
 *
 *     static void counter(async_gen *g, void *arg) {
 *         for (long i = 0; i < 3; i++)
 *             async_yield(g, ASYNC_INT(i));
 *     }
 *     async_gen *g = async_gen_new(counter, NULL);
 *     async_for (v, g)
 *         printf("%ld\n", v.i);
 *     async_gen_close(g);
 */
typedef struct async_gen async_gen;
typedef void async_gen_fn(async_gen *g, void *arg);

/* async_gen_new: calling a generator function: runs nothing yet. Returns
 * the generator; free it with async_gen_close (a loop that closes also
 * closes the generators made while it was current). Never suspends. */
async_gen *async_gen_new(async_gen_fn *fn, void *arg);

/* async_gen_next: next(g), or `await anext(g)`. Runs the body until its
 * next async_yield and stores the value in *out (out may be NULL).
 * Returns false, storing nothing, once the body has returned. May
 * suspend only if the body awaits. */
bool async_gen_next(async_gen *g, async_value *out);

/* async_yield: inside g's body, hands v to the consumer and pauses until
 * the next async_gen_next. */
void async_yield(async_gen *g, async_value v);

/* async_gen_close: aclose(). A generator paused in the middle is resumed
 * only to run its cleanup handlers (async_cleanup_push inside the body),
 * never its code. Then frees g. */
void async_gen_close(async_gen *g);

/* async_for: `for v in g` / `async for v in g`, declaring v. */
#define async_for(v, g) \
    for (async_value v; async_gen_next((g), &v);)

/* ==== Debugging ===========================================================
 * ASYNC_DEBUG=1 turns on checks that name the task at fault: a step that
 * holds the loop over 100 ms, tasks pending or never awaited at shutdown,
 * deadlocks. ASYNC_TRACE=FILE writes every task event as JSON Lines (see
 * runtime/TRACE.md). Both are read when the first loop is created; these
 * calls set them from code.
 */
void async_set_debug(bool on);

/* async_set_stack_size: the size of each task's stack from now on, in
 * bytes (default 64 KiB; ASYNC_STACK_SIZE=256K in the environment does the
 * same). A task that overflows its stack stops the program with a message
 * naming it; it never corrupts memory silently. Call it before async_run:
 * while any task or generator holds a stack, changing the size stops the
 * program with a message (setting the size it already has is fine). */
void async_set_stack_size(size_t bytes);

/* ==== The workbook ========================================================
 * TODO("what to do") marks a place in an exercise that is yours to fill.
 * Reached, it prints `file:line: TODO: what to do` and ends the program
 * with status 1, so an unfinished exercise fails with a sentence.
 */
#define TODO(what) async_todo(__FILE__, __LINE__, (what))
_Noreturn void async_todo(const char *file, int line, const char *what);

#endif /* ASYNC_H */
