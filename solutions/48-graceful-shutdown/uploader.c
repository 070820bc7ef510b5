// SPDX-License-Identifier: MIT
/*
 * Exercise 48: graceful shutdown.
 *
 * The idea (lessons 17 and 20, cancellation and queues; lesson 24):
 *   1. A service that runs for ever ends only by cancellation; its tasks
 *      release what they hold in cleanup handlers, which run however the
 *      task ends (async_cleanup_push ... async_cleanup_pop(true)).
 *   2. A graceful shutdown goes in order: stop taking new work, finish
 *      the work already queued, then stop the workers, now idle:
 *          stop(&producer, 1);  async_queue_join(q);  stop(workers, n);
 *   3. join returns when every item put has had its async_queue_task_done,
 *      so a worker calls task_done after each item it has finished.
 *   4. Cancelling everything at once is quick but drops the work in hand
 *      and in the queue.
 *
 * Your task: a camera takes a photo every `every` seconds into a queue;
 * uploaders upload them. When the stop request comes, shut down
 * gracefully: the camera goes off (and says so), every photo it took is
 * uploaded, then each uploader closes its session. The last line must
 * read "N taken, N uploaded, 0 sessions open, camera off".
 *
 * Check it: make grade EX=48    Stuck? python3 grader/grade.py --hint 48
 */
#include <stdio.h>

#include "async.h"

struct config {
    double every;      /* the camera takes a photo every `every` s */
    double upload;     /* an upload takes this long */
    int uploaders;     /* how many (at most 4) */
    double stop_after; /* when the stop request comes */
};

struct uploader {
    int id;            /* 1, 2, ... */
    struct config *cfg;
};

static double start;       /* when run began */
static async_queue *photos; /* photo numbers, from the camera to uploaders */
static long taken, uploaded;
static int camera_on, sessions_open;

/* camera_off: a cleanup handler: the camera is released. */
void
camera_off(void *arg)
{
    (void)arg;
    camera_on = 0;
    printf("%.2f s  camera: off after %ld photos\n", async_time() - start,
           taken);
}

/* camera: takes photos for ever; it ends when it is cancelled. */
static async_value
camera(void *arg)
{
    struct config *cfg = arg;

    camera_on = 1;
    printf("%.2f s  camera: on\n", async_time() - start);
    /* Why: cancelling is the only way the camera ends; this releases it. */
    async_cleanup_push(camera_off, NULL);
    for (;;) {
        async_sleep(cfg->every);
        async_queue_put(photos, ASYNC_INT(++taken));
    }
    async_cleanup_pop(true); /* NOTREACHED; why: pairs the push */
    return ASYNC_NONE;
}

/* session_close: a cleanup handler: the uploader's session is closed. */
void
session_close(void *arg)
{
    struct uploader *u = arg;

    sessions_open--;
    printf("%.2f s  uploader %d: session closed\n", async_time() - start,
           u->id);
}

/* uploader: uploads photos from the queue for ever. */
static async_value
uploader(void *arg)
{
    struct uploader *u = arg;

    sessions_open++;
    printf("%.2f s  uploader %d: session open\n", async_time() - start, u->id);
    /* Why: the session must close however the uploader ends. */
    async_cleanup_push(session_close, u);
    for (;;) {
        long photo = async_queue_get(photos).i;
        async_sleep(u->cfg->upload);
        uploaded++;
        printf("%.2f s  uploader %d: photo %ld uploaded\n",
               async_time() - start, u->id, photo);
        /* Why: join counts finished photos, not photos taken out. */
        async_queue_task_done(photos);
    }
    async_cleanup_pop(true); /* NOTREACHED; why: pairs the push */
    return ASYNC_NONE;
}

/* stop: cancels the n tasks and waits until each has unwound (its
 * cleanup handlers ran), without being cancelled itself: lesson 17's
 * wait_all. */
void
stop(async_task **t, int n)
{
    for (int i = 0; i < n; i++)
        async_cancel(t[i]);
    async_as_completed *it = async_as_completed_new(t, (size_t)n);
    while (async_as_completed_next(it) != NULL)
        ;
}

/* shut_down: the stop request came. Shut the service down gracefully. */
static void
shut_down(async_task *cam, async_task **ups, int n)
{
    /* Why this order: no new photos, then the queued ones finish, and
     * only then are the uploaders, idle by now, cancelled. */
    stop(&cam, 1);
    async_queue_join(photos);
    stop(ups, n);
}

/* run: starts the service with cfg, and shuts it down when the stop
 * request comes. A coroutine function: call it from a task. */
void
run(struct config *cfg)
{
    struct uploader u[4];
    async_task *ups[4];

    start = async_time();
    taken = uploaded = 0;
    photos = async_queue_new(2);
    async_task *cam = async_create_task(camera, cfg);
    for (int i = 0; i < cfg->uploaders; i++) {
        u[i] = (struct uploader){i + 1, cfg};
        ups[i] = async_create_task(uploader, &u[i]);
    }
    async_sleep(cfg->stop_after); /* stands in for a stop request */
    printf("%.2f s  main: stop requested\n", async_time() - start);
    shut_down(cam, ups, cfg->uploaders);
    printf("%.2f s  main: %ld taken, %ld uploaded, %d sessions open, "
           "camera %s\n", async_time() - start, taken, uploaded,
           sessions_open, camera_on ? "on" : "off");
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct config cfg = {0.1, 0.45, 3, 0.68};

    run(&cfg);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
