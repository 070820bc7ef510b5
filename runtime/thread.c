// SPDX-License-Identifier: MIT
/*
 * thread.c: asyncio.to_thread: a blocking call runs on a worker thread
 * while the loop goes on. A worker never touches the single-threaded loop:
 * it hands the job back under a mutex and writes a byte to a pipe the loop
 * watches (the self-pipe trick). Workers start as needed, at most min(32,
 * CPUs + 4) as asyncio's executor, joined when the loop closes (lesson 23).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

#define MAX_WORKERS 32

struct job {
    async_future fut;    /* first: the caller waits on it */
    async_fn *fn;
    void *arg;
    async_value result;
    struct clock_job clock; /* its virtual time: when its result is due */
    async_handle timer;  /* virtual clock: delivers when it is due */
    int collected;       /* the loop took it back from the workers */
    int abandoned;       /* its caller was cancelled: nobody wants it */
    struct job *next;
};

struct thread_pool {
    pthread_mutex_t mu;  /* guards the lists and the counts */
    pthread_cond_t work; /* a job was queued, or the pool closes */
    struct job *queue, **queue_end; /* waiting for a worker, FIFO */
    struct job *done, **done_end; /* finished, in that order */
    int queued, idle, closing, nworkers;
    pthread_t workers[MAX_WORKERS];
    int pipe[2];         /* a byte in it: a job is done */
    async_handle wake;   /* the loop's reader of pipe[0] */
    size_t running;      /* loop side: jobs not yet collected */
};

_Thread_local bool on_worker_thread; /* inside async_to_thread's fn */
_Thread_local bool on_loop_thread;   /* read by LOOP_THREAD_ONLY */
static atomic_bool owned;            /* some thread is the loop's */

/* thread_claim: the first thread to call owns the runtime; others stop. */
void
thread_claim(const char *who)
{
    if (on_worker_thread)
        fatal("%s: called from a function running in async_to_thread, on a "
              "worker thread; only the loop's thread may call the runtime. "
              "Return a value from the function and let the task that "
              "awaited async_to_thread act on it", who);
    if (!atomic_exchange(&owned, true)) {
        on_loop_thread = true;
        return;
    }
    fatal("%s: called from another thread than the loop's; the loop, its "
          "tasks, the clock and the settings belong to the thread that "
          "first used the runtime. Call it from a task on that thread (to "
          "run blocking work beside the loop, a task can await "
          "async_to_thread)", who);
}

static void *
worker(void *arg)
{
    struct thread_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->queue == NULL && !p->closing) {
            p->idle++;
            pthread_cond_wait(&p->work, &p->mu);
            p->idle--;
        }
        struct job *j = p->queue;
        if (j == NULL)
            break; /* closing, and nothing left to run */
        if ((p->queue = j->next) == NULL)
            p->queue_end = &p->queue;
        p->queued--;
        pthread_mutex_unlock(&p->mu);
        clock_job_run(&j->clock);
        on_worker_thread = true;
        j->result = j->fn(j->arg);
        on_worker_thread = false;
        clock_job_run(NULL);
        pthread_mutex_lock(&p->mu);
        j->next = NULL; /* in finishing order, as call_soon_threadsafe */
        *p->done_end = j;
        p->done_end = &j->next;
        ssize_t w = write(p->pipe[1], "", 1); /* full: the loop has bytes */
        (void)w;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void
deliver(void *arg)
{
    struct job *j = arg;
    future_finish(&j->fut, FUTURE_DONE, j->result);
}

/* collect: the pipe is readable: take finished jobs back, each due when
 * its sleeps would end (clock_job_due). */
static void
collect(void *arg)
{
    async_loop *loop = arg;
    struct thread_pool *p = loop->pool;
    char buf[64];
    while (read(p->pipe[0], buf, sizeof buf) > 0)
        ;
    pthread_mutex_lock(&p->mu);
    struct job *j = p->done, *next;
    p->done = NULL;
    p->done_end = &p->done;
    pthread_mutex_unlock(&p->mu);
    for (; j != NULL; j = next) {
        next = j->next;
        p->running--;
        j->collected = 1;
        if (j->abandoned) {
            free(j);
        } else if (clock_job_due(&j->clock) > clock_now()) {
            j->timer.when = clock_job_due(&j->clock);
            j->timer.seq = loop->next_seq++;
            timer_push(&loop->timers, &j->timer);
        } else {
            deliver(j);
        }
    }
    if (p->running > 0)
        io_watch(loop, p->pipe[0], 0, &p->wake);
}

/* submit: queue j, and start a worker if none is free to take it. */
static void
submit(async_loop *loop, struct job *j)
{
    struct thread_pool *p = loop->pool;
    if (p == NULL) {
        if ((p = calloc(1, sizeof *p)) == NULL || pipe(p->pipe) < 0)
            fatal("async_to_thread: cannot make the thread pool");
        for (int i = 0; i < 2; i++) {
            fcntl(p->pipe[i], F_SETFL, O_NONBLOCK);
            fcntl(p->pipe[i], F_SETFD, FD_CLOEXEC);
        }
        pthread_mutex_init(&p->mu, NULL);
        pthread_cond_init(&p->work, NULL);
        p->queue_end = &p->queue;
        p->done_end = &p->done;
        p->wake = (async_handle){.cb = collect, .arg = loop,
                                 .heap_index = NO_HEAP};
        loop->pool = p;
    }
    if (p->running++ == 0)
        io_watch(loop, p->pipe[0], 0, &p->wake);
    pthread_mutex_lock(&p->mu);
    *p->queue_end = j;
    p->queue_end = &j->next;
    if (++p->queued > p->idle && p->nworkers < MAX_WORKERS &&
        p->nworkers < sysconf(_SC_NPROCESSORS_ONLN) + 4) {
        if (pthread_create(&p->workers[p->nworkers], NULL, worker, p) != 0)
            fatal("async_to_thread: cannot start a thread");
        p->nworkers++;
    }
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

/* drop: the caller is done with j: free it, or collect() will. */
static void
drop(void *arg)
{
    struct job *j = arg;
    if (!j->collected) {
        j->abandoned = 1;
        return;
    }
    if (j->timer.heap_index != NO_HEAP)
        timer_remove(&j->fut.loop->timers, &j->timer);
    free(j);
}

async_value
async_to_thread(async_fn *fn, void *arg)
{
    async_task *self = task_running("async_to_thread");
    struct job *j = calloc(1, sizeof *j);
    if (j == NULL)
        fatal("out of memory in async_to_thread");
    *j = (struct job){.fn = fn, .arg = arg, .timer = {.cb = deliver, .arg = j,
                                                      .heap_index = NO_HEAP}};
    future_init(&j->fut, self->fut.loop);
    j->fut.on_cancel = cancel_leave; /* the caller goes; drop() runs */
    clock_job_begin(&j->clock);
    submit(self->fut.loop, j);
    async_cleanup_push(drop, j);
    future_add_handle(&j->fut, &self->step);
    task_suspend(self, WAIT_THREAD, &j->fut);
    async_value v = j->result;
    async_cleanup_pop(true);
    return v;
}

size_t
thread_jobs(async_loop *loop)
{
    return loop->pool ? loop->pool->running : 0;
}

/* thread_foreign: a thread the program made (the runtime has an owner, not
 * it, nor a worker): a libc sleep there has no loop, no virtual time. */
bool
thread_foreign(void)
{
    return !on_loop_thread && !on_worker_thread && atomic_load(&owned);
}

/* thread_close: every caller is cancelled by now: wait for running jobs. */
void
thread_close(async_loop *loop)
{
    struct thread_pool *p = loop->pool;
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nworkers; i++)
        pthread_join(p->workers[i], NULL);
    for (struct job *j = p->done, *next; j != NULL; j = next) {
        next = j->next;
        free(j);
    }
    io_unwatch(loop, p->pipe[0], 0, &p->wake);
    close(p->pipe[0]);
    close(p->pipe[1]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    free(p);
    loop->pool = NULL;
}
