// SPDX-License-Identifier: MIT
/*
 * Exercise 49: the capstone, a crawler that knows when to give up.
 *
 * The idea (lessons 17 to 24):
 *   1. A semaphore bounds how many fetches talk to the server at once
 *      (lesson 19): acquire before the fetch, release after it.
 *   2. async_timeout(seconds, body, arg, &out) runs body(arg) inline under
 *      a deadline (lesson 18). Time up, body is cancelled where it waits:
 *      its cleanup handlers run, and async_timeout returns false.
 *   3. So whatever body opens, a cleanup handler closes: a stream left
 *      open by a fetch that timed out is a connection the server keeps.
 *   4. Results go through a queue to one writer task (lesson 20), which
 *      prints them in the order they arrive and marks each one done.
 *   5. A clean shutdown (lesson 24): every fetch finished, the queue
 *      joined, the writer stopped, nothing left open.
 *
 * Your task: fetch pages 1 to n from the page server below, at most
 * `limit` at once, each under a timeout; a page that takes longer is given
 * up ("gave up after 1.0 s") and its connection closed. The writer saves
 * and prints each result as it arrives. crawl returns only when every result is
 * printed and the writer is stopped, and it returns how many pages came
 * back. The server's last line must say "0 still open".
 *
 * Check it: make grade EX=49    Stuck? python3 grader/grade.py --hint 49
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "async.h"

#define MAX_PAGES 16

/* ---- The page server (given): do not change it. ---------------------- */

static const double *delays; /* delays[n - 1]: how long page n takes */
static long npages;
static int active, most;     /* requests in the works now, and at most */
static int requests, abandoned, still_open;

/* wait_hangup: reads until the client closes its end. */
static async_value
wait_hangup(void *arg)
{
    char c;

    while (async_stream_read(arg, &c, 1) > 0)
        ;
    return ASYNC_NONE;
}

/* serve_page: one client. Reads "GET n", then answers "page n: W words"
 * after delays[n - 1] seconds, unless the client hangs up first. The
 * connection counts as open until the client closes it. */
static void
serve_page(async_stream *s, void *arg)
{
    char line[64];
    long n;

    (void)arg;
    still_open++;
    if (async_stream_readline(s, line, sizeof line) > 0 &&
        sscanf(line, "GET %ld", &n) == 1 && n >= 1 && n <= npages) {
        requests++;
        if (++active > most)
            most = active;
        bool gone = async_timeout(delays[n - 1], wait_hangup, s, NULL);
        active--;
        if (gone) {
            abandoned++;
        } else {
            int len = snprintf(line, sizeof line, "page %ld: %ld words\n",
                               n, n * 137 % 1000);
            async_stream_write(s, line, (size_t)len);
            wait_hangup(s);
        }
    }
    still_open--;
}

/* page_server_start: serves pages 1 to n, page i taking delays[i - 1]
 * seconds, on a free port of 127.0.0.1. */
async_server *
page_server_start(const double *page_delays, long n)
{
    async_server *srv = async_start_server(serve_page, NULL, "127.0.0.1", 0);

    if (srv == NULL) {
        perror("page server: cannot listen on 127.0.0.1");
        exit(1);
    }
    delays = page_delays;
    npages = n;
    return srv;
}

/* page_server_report: what the server saw; then it counts afresh. */
void
page_server_report(void)
{
    printf("server: %d requests, at most %d at once, %d abandoned, "
           "%d still open\n", requests, most, abandoned, still_open);
    requests = most = abandoned = 0;
}

/* close_stream: a cleanup handler that closes the stream arg. */
void
close_stream(void *arg)
{
    async_stream_close(arg);
}

/* stop: cancels the n tasks and waits until each has unwound, without
 * being cancelled itself (lesson 17's wait_all). */
void
stop(async_task **t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        async_cancel(t[i]);
    async_as_completed *it = async_as_completed_new(t, n);
    while (async_as_completed_next(it) != NULL)
        ;
}

/* ---- The crawler: yours. --------------------------------------------- */

struct job {
    int port;        /* the server's */
    long page;       /* which page */
    double timeout;  /* how long it may take */
    bool ok;         /* it came back in time */
    char reply[64];  /* its reply line, with its '\n' */
};

static double start;            /* when crawl began */
static long fetched;            /* pages that came back */
async_semaphore *places; /* one per fetch allowed at once */
static async_queue *results;    /* finished jobs, for the writer */

/* fetch: the body run under the timeout; arg is a struct job. Asks the
 * server for j->page and stores the reply line in j->reply. Whatever it
 * opens must be closed however it ends. */
async_value
fetch(void *arg)
{
    struct job *j = arg;
    char req[32];

    async_stream *s = async_open_connection("127.0.0.1", j->port);
    if (s == NULL)
        return ASYNC_NONE;
    /* Why: a timeout cancels us in the readline; the stream must close. */
    async_cleanup_push(close_stream, s);
    int len = snprintf(req, sizeof req, "GET %ld\n", j->page);
    async_stream_write(s, req, (size_t)len);
    async_stream_readline(s, j->reply, sizeof j->reply);
    async_cleanup_pop(true);
    return ASYNC_NONE;
}

/* fetch_task: one page as a task; arg is its struct job. */
static async_value
fetch_task(void *arg)
{
    struct job *j = arg;

    /* Why: the place is held only while the server is busy with us; the
     * timeout unwinds fetch alone, so the release below always runs. */
    async_semaphore_acquire(places);
    j->ok = async_timeout(j->timeout, fetch, j, NULL);
    async_semaphore_release(places);
    async_queue_put(results, ASYNC_PTR(j));
    return ASYNC_NONE;
}

/* writer: saves each finished job as it arrives (0.02 s a line) and
 * prints it, for ever. */
static async_value
writer(void *arg)
{
    (void)arg;
    for (;;) {
        struct job *j = async_queue_get(results).p;
        async_sleep(0.02); /* saving it */
        if (j->ok) {
            fetched++;
            printf("%.2f s  %s", async_time() - start, j->reply);
        } else {
            printf("%.2f s  page %ld: gave up after %.1f s\n",
                   async_time() - start, j->page, j->timeout);
        }
        /* Why: crawl's join waits for this, not for an empty queue. */
        async_queue_task_done(results);
    }
    return ASYNC_NONE;
}

/* crawl: fetches pages 1 to n (at most MAX_PAGES) from the server on
 * port, at most `limit` at once, each within `timeout` seconds. Returns
 * the number of pages that came back, once every result is printed and
 * the writer is stopped. A coroutine function. */
long
crawl(int port, long n, long limit, double timeout)
{
    struct job jobs[MAX_PAGES];
    void *args[MAX_PAGES];

    start = async_time();
    fetched = 0;
    results = async_queue_new(0);
    /* Why: one semaphore shared by every fetch bounds them together. */
    places = async_semaphore_new(limit);
    async_task *w = async_create_task(writer, NULL);
    for (long i = 0; i < n; i++) {
        jobs[i] = (struct job){.port = port, .page = i + 1,
                               .timeout = timeout};
        args[i] = &jobs[i];
    }
    async_gather_fn(fetch_task, args, (size_t)n, NULL);
    /* Why: join first, so every result is printed; only then stop the
     * writer, idle in get by now. */
    async_queue_join(results);
    stop(&w, 1);
    return fetched;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static const double site[8] = {0.3, 0.5, 2.0, 0.25, 0.4, 3.0, 0.3, 0.6};
    async_server *srv = page_server_start(site, 8);

    long got = crawl(async_server_port(srv), 8, 3, 1.0);
    printf("8 pages: %ld fetched, %ld given up\n", got, 8 - got);
    page_server_report();
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
