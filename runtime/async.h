/* SPDX-License-Identifier: MIT */
/*
 * async.h: everything a student may call, one section per concept, in
 * lesson order. The runtime mirrors Python's asyncio: one event loop on one
 * thread, tasks that take turns at their suspension points, futures, timers.
 * Each comment gives the asyncio twin, who frees what is returned, and
 * whether the call suspends (may switch tasks: only a task may call it).
 *
 * Ownership: what is made on a loop is freed when the loop closes (async_run
 * closes its own); a detached task is freed as soon as it is done.
 * One thread: only the loop's thread may call async_*; a call from another
 * stops the program.
 *
 * The full reference: runtime/API.md.
 */
#ifndef ASYNC_H
#define ASYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h> /* ssize_t */

/* ==== Values ============================================================= */

/* A task's result: read back the member you stored. */
typedef union async_value {
    long i;   /* an integer result */
    double d; /* a floating-point result */
    void *p;  /* a pointer result (the task's caller owns what it points to) */
} async_value;

#define ASYNC_INT(x) ((async_value){.i = (x)})
#define ASYNC_DOUBLE(x) ((async_value){.d = (x)})
#define ASYNC_PTR(x) ((async_value){.p = (x)})
#define ASYNC_NONE ((async_value){.i = 0})

/* A coroutine function, `async def f(arg)`; calling it is `await f(arg)`. */
typedef async_value async_fn(void *arg);

typedef struct async_loop async_loop;
typedef struct async_task async_task;
typedef struct async_future async_future;
typedef struct async_handle async_handle;

/* An exception: code is never 0; ASYNC_CANCELLED is CancelledError. */
typedef struct async_error {
    int code;
    char message[120];
} async_error;
#define ASYNC_CANCELLED (-1)

/* ==== Running a program ================================================== */
/* asyncio.run(main(arg)): returns main's result (ASYNC_NONE if cancelled;
 * a failed main stops the program). Outside tasks; never suspends. */
async_value async_run(async_fn *main, void *arg);

/* ==== Callbacks: the loop's Handle layer ================================= */
typedef void async_callback(void *arg);
/* loop.call_soon(cb, arg); the loop frees the handle. Never suspends. */
async_handle *async_call_soon(async_callback *cb, void *arg);
/* loop.call_later(delay, cb, arg). Never suspends; handle as call_soon. */
async_handle *async_call_later(double delay, async_callback *cb, void *arg);
/* handle.cancel(), before the callback has run. Never suspends. */
void async_handle_cancel(async_handle *h);

/* ==== The event loop, by hand ============================================ */
/* new_event_loop() + set_event_loop(). Free it with async_loop_close. */
async_loop *async_loop_new(void);
/* loop.create_task(fn(arg)), named after fn; loop-owned. Never suspends. */
#define async_loop_create_task(loop, fn, arg) \
    async_loop_create_task_named((loop), (fn), (arg), #fn)
async_task *async_loop_create_task_named(async_loop *loop, async_fn *fn,
                                         void *arg, const char *name);
/* loop.run_until_complete(t): returns t's result. Outside tasks only. */
async_value async_loop_run_until_complete(async_loop *loop, async_task *t);
/* loop.run_forever() (outside tasks only), loop.stop() (never suspends). */
void async_loop_run_forever(async_loop *loop);
void async_loop_stop(async_loop *loop);
/* loop.close(): cancels what is pending, frees the loop and all on it. */
void async_loop_close(async_loop *loop);

/* ==== Time =============================================================== */
/* loop.time(), in seconds; virtual time starts at 0. Never suspends. */
double async_time(void);
/* Virtual time (as ASYNC_CLOCK=virtual), set before the first loop. */
void async_use_virtual_clock(bool on);

/* ==== Tasks ============================================================== */
/* asyncio.create_task(fn(arg)), named after fn. Never suspends; the loop
 * owns the task (frees it when it closes, or when done if detached). */
#define async_create_task(fn, arg) async_create_task_named((fn), (arg), #fn)
async_task *async_create_task_named(async_fn *fn, void *arg,
                                    const char *name);
/* `await task`: t's result (t's error is raised here). Suspends. */
async_value async_task_await(async_task *t);
/* task.done(), task.result() (t must be done). Never suspend. */
bool async_task_done(async_task *t);
async_value async_task_result(async_task *t);
/* pthread_detach: freed once done; no more calls on t. Never suspends. */
void async_task_detach(async_task *t);
/* task.get_name(); the string belongs to the task. Never suspends. */
const char *async_task_name(async_task *t);
/* asyncio.current_task(), or NULL outside a task. Never suspends. */
async_task *async_current_task(void);

/* ==== Sleeping =========================================================== */
/* await asyncio.sleep(seconds). Suspends. */
void async_sleep(double seconds);

/* ==== Futures ============================================================ */
/* loop.create_future(). Never suspends; the loop owns the future. */
async_future *async_future_new(void);
/* future.set_result(v), once; schedules its callbacks. Never suspends. */
void async_future_set_result(async_future *f, async_value v);
/* future.done(), future.result() (f must be done). Never suspend. */
bool async_future_done(async_future *f);
async_value async_future_result(async_future *f);
/* `await future`. Suspends unless f is done. */
async_value async_future_await(async_future *f);
/* future.add_done_callback(cb): cb(f, arg) via call_soon. Never suspends. */
typedef void async_done_callback(async_future *f, void *arg);
void async_future_add_done_callback(async_future *f, async_done_callback *cb,
                                    void *arg);
/* The future inside task t (a Task is a Future), owned by t. */
async_future *async_task_future(async_task *t);

/* ==== await, done, result on anything awaitable ========================== */
/* await x, x.done(), x.result() for a task or a future, as the above. */
#define async_await(x)                                 \
    _Generic((x), async_task *: async_task_await,      \
             async_future *: async_future_await)(x)
#define async_done(x)                                  \
    _Generic((x), async_task *: async_task_done,       \
             async_future *: async_future_done)(x)
#define async_result(x)                                \
    _Generic((x), async_task *: async_task_result,     \
             async_future *: async_result_of_future)(x)
/* async_future_result, its messages naming async_result. Never suspends.*/
async_value async_result_of_future(async_future *f);

/* ==== gather and as_completed ============================================ */
/* await gather(*tasks): results in argument order (or NULL). Suspends. */
void async_gather(async_task **tasks, size_t n, async_value *results);
/* gather(fn(args[0]), ..., fn(args[n-1])); frees its tasks. Suspends. */
#define async_gather_fn(fn, args, n, results) \
    async_gather_fn_named((fn), (args), (n), (results), #fn)
void async_gather_fn_named(async_fn *fn, void **args, size_t n,
                           async_value *results, const char *name);
/* gather(..., return_exceptions=True); tasks own errors. Suspends. */
void async_gather_settled(async_task **tasks, size_t n, async_value *results,
                          const async_error **errors);
/* for t in as_completed(tasks): next suspends; its final NULL frees the
 * iterator, else the loop's close does. */
typedef struct async_as_completed async_as_completed;
async_as_completed *async_as_completed_new(async_task **tasks, size_t n);
async_task *async_as_completed_next(async_as_completed *it);

/* ==== Cancellation ======================================================= */
/* task.cancel(): false if t is done. Never suspends. */
bool async_cancel(async_task *t);
/* task.cancelled(). Never suspends. */
bool async_task_cancelled(async_task *t);
/* `finally` as pthread_cleanup_push/pop: fn(arg) runs if the task unwinds
 * (pop(true): now too). Handlers must not suspend. */
void async_cleanup_push(async_callback *fn, void *arg);
void async_cleanup_pop(bool run);
/* task.cancelling(), task.uncancel(). Never suspend. */
int async_task_cancelling(async_task *t);
int async_task_uncancel(async_task *t);

/* ==== Errors ============================================================= */
/* raise: code not 0, printf message. Only inside a task; never returns. */
_Noreturn void async_raise(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* try: await body(arg) / except: false, *err set, if it raised. Suspends.*/
bool async_try(async_fn *body, void *arg, async_value *out, async_error *err);
/* `raise` inside an except: raises err again. Never returns. */
_Noreturn void async_reraise(const async_error *err);
/* task.exception() (t's, or NULL), and whether t failed. Never suspend. */
const async_error *async_task_error(async_task *t);
bool async_task_failed(async_task *t);

/* ==== Task groups ======================================================== */
typedef struct async_task_group async_task_group;
typedef async_value async_group_fn(async_task_group *tg, void *arg);
/* asyncio's ExceptionGroup: errors[0..n-1], owned by the loop. */
typedef struct async_error_list {
    size_t n;
    const async_error *errors;
} async_error_list;
/* async with TaskGroup() as tg: await body(tg, arg). False, with every
 * error in *errors (loop-owned), if any failed. Suspends. */
bool async_task_group_run(async_group_fn *body, void *arg, async_value *out,
                          async_error_list *errors);
/* tg.create_task(fn(arg)), while tg runs. Never suspends; loop-owned. */
#define async_task_group_create_task(tg, fn, arg) \
    async_task_group_create_task_named((tg), (fn), (arg), #fn)
async_task *async_task_group_create_task_named(async_task_group *tg,
                                               async_fn *fn, void *arg,
                                               const char *name);

/* ==== Timeouts and shielding ============================================= */
/* await asyncio.wait_for(t, seconds): false on time-out. Suspends. */
bool async_wait_for(async_task *t, double seconds, async_value *out);
/* async with timeout(seconds): await body(arg); false on time-out.
 * Suspends. */
bool async_timeout(double seconds, async_fn *body, void *arg,
                   async_value *out);
/* await asyncio.shield(t): t runs on if the caller is cancelled. Suspends.*/
async_value async_shield(async_task *t);

/* ==== Synchronisation ==================================================== */
typedef struct async_event async_event;
/* asyncio.Event(), clear. Never suspends. */
async_event *async_event_new(void);
/* event.set(): wakes every waiter. Never suspends. */
void async_event_set(async_event *e);
/* event.clear(), event.is_set(). Never suspend. */
void async_event_clear(async_event *e);
bool async_event_is_set(async_event *e);
/* await event.wait(). Suspends unless the flag is set. */
void async_event_wait(async_event *e);

typedef struct async_lock async_lock;
/* asyncio.Lock(), unlocked. Never suspends. */
async_lock *async_lock_new(void);
/* await lock.acquire(). May suspend. */
void async_lock_acquire(async_lock *l);
/* lock.release(), of a held lock. Never suspends. */
void async_lock_release(async_lock *l);
/* lock.locked(). Never suspends. */
bool async_lock_locked(async_lock *l);

/* asyncio.Semaphore(value), BoundedSemaphore(value). Never suspend. */
typedef struct async_semaphore async_semaphore;
async_semaphore *async_semaphore_new(long value);
async_semaphore *async_bounded_semaphore_new(long value);
/* await sem.acquire(). May suspend. */
void async_semaphore_acquire(async_semaphore *s);
/* sem.release(). Never suspends. */
void async_semaphore_release(async_semaphore *s);
/* sem.locked(): acquire would wait. Never suspends. */
bool async_semaphore_locked(async_semaphore *s);

/* asyncio.Queue(maxsize), 0 for unbounded. Never suspends. */
typedef struct async_queue async_queue;
async_queue *async_queue_new(size_t maxsize);
/* await queue.put(v). Suspends while the queue is full. */
void async_queue_put(async_queue *q, async_value v);
/* await queue.get(): the oldest item. Suspends. */
async_value async_queue_get(async_queue *q);
/* put_nowait(), get_nowait(): false if full, empty. Never suspend. */
bool async_queue_put_nowait(async_queue *q, async_value v);
bool async_queue_get_nowait(async_queue *q, async_value *out);
/* qsize(), empty(), full(). Never suspend. */
size_t async_queue_size(async_queue *q);
bool async_queue_empty(async_queue *q);
bool async_queue_full(async_queue *q);
/* task_done() (never suspends), await join() (suspends). */
void async_queue_task_done(async_queue *q);
void async_queue_join(async_queue *q);

/* ==== Conditions ========================================================= */
typedef struct async_condition async_condition;
/* wait_for's `lambda: ...`: runs under the lock and must not suspend. */
typedef bool async_predicate(void *arg);
/* asyncio.Condition(lock), NULL for its own lock. Never suspends. */
async_condition *async_condition_new(async_lock *lock);
/* acquire() (suspends), release(), locked() (never suspend). */
void async_condition_acquire(async_condition *c);
void async_condition_release(async_condition *c);
bool async_condition_locked(async_condition *c);
/* await cond.wait(), holding the lock. Suspends. */
void async_condition_wait(async_condition *c);
/* await cond.wait_for(pred), holding the lock. Suspends unless pred(arg). */
bool async_condition_wait_for(async_condition *c, async_predicate *pred,
                              void *arg);
/* cond.notify(n), notify_all(), holding the lock. Never suspend. */
void async_condition_notify(async_condition *c, size_t n);
void async_condition_notify_all(async_condition *c);

/* ==== Barriers =========================================================== */
typedef struct async_barrier async_barrier;
/* asyncio.Barrier(parties), parties >= 1. Never suspends. */
async_barrier *async_barrier_new(long parties);
/* await barrier.wait(): arrival index, or ASYNC_BROKEN. Suspends. */
#define ASYNC_BROKEN (-1L)
long async_barrier_wait(async_barrier *b);
/* barrier.parties, .n_waiting, .broken. Never suspend. */
long async_barrier_parties(async_barrier *b);
long async_barrier_n_waiting(async_barrier *b);
bool async_barrier_broken(async_barrier *b);
/* await barrier.reset(), barrier.abort(). May suspend. */
void async_barrier_reset(async_barrier *b);
void async_barrier_abort(async_barrier *b);

/* ==== wait: the first, the first failure, or all ========================= */
enum async_return_when {
    ASYNC_FIRST_COMPLETED, /* as soon as any task is done */
    ASYNC_FIRST_EXCEPTION, /* as soon as one fails, else when all are done */
    ASYNC_ALL_COMPLETED,   /* when every task is done */
};
/* asyncio.wait's done and pending, in argument order; loop-owned arrays
 * (until async_wait_sets_free). */
typedef struct async_wait_sets {
    async_task **done;    /* the tasks done (or cancelled) */
    size_t ndone;
    async_task **pending; /* the tasks still running */
    size_t npending;
} async_wait_sets;
/* await asyncio.wait(tasks, ...); cancels nothing. Always suspends. */
async_wait_sets async_wait(async_task **tasks, size_t n,
                           enum async_return_when return_when,
                           double timeout);
/* Frees s's arrays now, not at loop close, and empties s. Once each. */
void async_wait_sets_free(async_wait_sets *s);

/* ==== Non-blocking I/O =================================================== */
/* On failure: -1 and errno. Each suspends instead of returning EAGAIN. */

/* loop.add_reader/add_writer as an await: returns 0. Suspends. */
int async_wait_readable(int fd);
int async_wait_writable(int fd);
/* read(2), suspending while there is nothing to read; 0 at end of file. */
ssize_t async_read(int fd, void *buf, size_t n);
/* Writes all n bytes, suspending while the fd is full; no SIGPIPE. */
ssize_t async_write(int fd, const void *buf, size_t n);

/* A listening socket (port 0: any free one); the port. Never suspend. */
int async_tcp_listen(const char *host, int port);
int async_tcp_port(int fd);
/* loop.sock_accept: a client's socket. Suspends until one connects. */
int async_tcp_accept(int listen_fd);
/* loop.sock_connect: a connected socket. Suspends while connecting. */
int async_tcp_connect(const char *host, int port);

/* StreamReader and StreamWriter in one: a socket with a read buffer. */
typedef struct async_stream async_stream;
/* A stream owning fd (never suspends); asyncio.open_connection (suspends).
 * Close with async_stream_close. */
async_stream *async_stream_new(int fd);
async_stream *async_open_connection(const char *host, int port);
/* reader.read(n): 0 at end of file. Suspends while there is no input. */
ssize_t async_stream_read(async_stream *s, void *buf, size_t n);
/* reader.readline(): the length, '\n' kept; 0 at the end. May suspend. */
ssize_t async_stream_readline(async_stream *s, char *buf, size_t size);
/* writer.write(buf) + await writer.drain(). May suspend. */
ssize_t async_stream_write(async_stream *s, const void *buf, size_t n);
/* The stream's fd; writer.close(), which frees s. Never suspend. */
int async_stream_fd(async_stream *s);
void async_stream_close(async_stream *s);

/* asyncio.start_server(client, host, port): client(stream, arg) per
 * connection; the runtime frees each client's task. Never suspends. */
typedef struct async_server async_server;
typedef void async_client_fn(async_stream *s, void *arg);
async_server *async_start_server(async_client_fn *client, void *arg,
                                 const char *host, int port);
/* The server's port; server.close(). Never suspend. */
int async_server_port(async_server *srv);
void async_server_close(async_server *srv);

/* ==== Threads for blocking calls ========================================= */
/* await asyncio.to_thread(fn, arg); fn must not call async_*. Suspends. */
async_value async_to_thread(async_fn *fn, void *arg);

/* ==== Generators ========================================================= */
typedef struct async_gen async_gen;
typedef void async_gen_fn(async_gen *g, void *arg);
/* Calling a generator function: runs nothing yet. Free with
 * async_gen_close (or the loop's close). Never suspends. */
async_gen *async_gen_new(async_gen_fn *fn, void *arg);
/* next(g) / await anext(g): false once the body has returned. Suspends
 * only if the body awaits. */
bool async_gen_next(async_gen *g, async_value *out);
/* `yield v`, in g's body only: pauses it until the next async_gen_next. */
void async_yield(async_gen *g, async_value v);
/* g.close() / aclose(): runs g's pending cleanup handlers, frees g. */
void async_gen_close(async_gen *g);
/* `for v in g` / `async for v in g`, declaring v. */
#define async_for(v, g) \
    for (async_value v; async_gen_next((g), &v);)

/* ==== Debugging ========================================================== */
/* loop.set_debug(on), as ASYNC_DEBUG=1 does. Never suspends. */
void async_set_debug(bool on);
/* Each task's stack size (default 64 KiB), set before async_run. */
void async_set_stack_size(size_t bytes);

/* ==== The workbook ======================================================= */
/* TODO("what to do"): prints where and what, ends the program (status 1). */
#define TODO(what) async_todo(__FILE__, __LINE__, (what))
_Noreturn void async_todo(const char *file, int line, const char *what);

#endif /* ASYNC_H */
