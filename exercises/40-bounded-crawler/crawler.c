// SPDX-License-Identifier: MIT
/*
 * Exercise 40: a bounded crawler.
 *
 * The idea (lesson 19, locks and semaphores):
 *   1. A semaphore counts free places: with s = async_semaphore_new(k),
 *      at most k tasks are between async_semaphore_acquire(s) and
 *      async_semaphore_release(s) at once.
 *   2. Acquire waits in line while all k places are taken; each release
 *      lets the next task in.
 *   3. So start one task per page, all at once, and let the semaphore
 *      decide how many talk to the server at a time.
 *   4. Talking to the server (lesson 22 has the details): each call
 *      suspends the task while it waits, as async_sleep does.
 *          async_stream *s = async_open_connection("127.0.0.1", port);
 *          async_stream_write(s, "GET 3\n", 6);       send one line
 *          async_stream_readline(s, buf, sizeof buf); read one line back
 *          async_stream_close(s);
 *
 * Your task: write fetch, then make crawl fetch its pages concurrently
 * but at most `limit` at once. The page server below is small: it says
 * how many requests it served at the same time, and it answers each in
 * 0.5 s, so six pages two at a time take 1.50 s.
 *
 * Check it: make grade EX=40    Stuck? python3 grader/grade.py --hint 40
 */
#include <stdio.h>
#include <stdlib.h>

#include "async.h"

#define MAX_PAGES 16
#define DELAY 0.5 /* the server's time to answer one request */

/* ---- The page server (given): do not change it. ---------------------- */

static int active;  /* requests being served right now */
static int most;    /* the most ever served at the same time */
static int served;  /* requests answered */

/* serve_page: one client. Reads "GET n", answers "page n: W words". */
static void
serve_page(async_stream *s, void *arg)
{
    char line[64];
    long n;

    (void)arg;
    if (async_stream_readline(s, line, sizeof line) <= 0 ||
        sscanf(line, "GET %ld", &n) != 1)
        return;
    if (++active > most)
        most = active;
    async_sleep(DELAY);
    active--;
    served++;
    int len = snprintf(line, sizeof line, "page %ld: %ld words\n", n,
                       n * 137 % 1000);
    async_stream_write(s, line, (size_t)len);
}

/* page_server_start: starts the server on a free port of 127.0.0.1. */
async_server *
page_server_start(void)
{
    async_server *srv = async_start_server(serve_page, NULL, "127.0.0.1", 0);

    if (srv == NULL) {
        perror("page server: cannot listen on 127.0.0.1");
        exit(1);
    }
    return srv;
}

/* page_server_report: says what the server saw, and starts counting
 * afresh. */
void
page_server_report(void)
{
    printf("server: %d pages served, at most %d at once\n", served, most);
    served = most = 0;
}

/* ---- The crawler: yours. --------------------------------------------- */

struct job {
    int port;        /* the server's */
    long page;       /* which page */
    char reply[64];  /* its reply line */
};

static async_semaphore *places; /* one per fetch allowed at once */

/* fetch: asks the server on port for page n and stores its reply line
 * (with its '\n') in out, a buffer of size bytes. A coroutine function. */
void
fetch(int port, long n, char *out, size_t size)
{
    (void)port, (void)n, (void)out, (void)size;
    TODO("connect to 127.0.0.1:port, send \"GET n\\n\", read the reply "
         "line into out, close the stream");
}

/* fetch_task: one page as a task; arg is its struct job. */
async_value
fetch_task(void *arg)
{
    struct job *j = arg;

    /* TODO: fetch only while holding one of the places. */
    fetch(j->port, j->page, j->reply, sizeof j->reply);
    return ASYNC_NONE;
}

/* crawl: fetches pages 1 to n (at most MAX_PAGES) from the server on
 * port, at most `limit` at once, and prints the replies in page order.
 * A coroutine function. */
void
crawl(int port, long n, long limit)
{
    struct job jobs[MAX_PAGES];
    void *args[MAX_PAGES];

    /* TODO: `limit` places for the fetches to share. */
    (void)limit, (void)places;
    for (long i = 0; i < n; i++) {
        jobs[i] = (struct job){.port = port, .page = i + 1};
        args[i] = &jobs[i];
    }
    async_gather_fn(fetch_task, args, (size_t)n, NULL);
    for (long i = 0; i < n; i++)
        printf("%s", jobs[i].reply);
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_server *srv = page_server_start();
    double start = async_time();

    crawl(async_server_port(srv), 6, 2);
    printf("6 pages in %.2f s\n", async_time() - start);
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
