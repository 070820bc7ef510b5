// SPDX-License-Identifier: MIT
/*
 * Exercise 34: cancel cleanly.
 *
 * The idea (lesson 17, cancellation):
 *   1. async_cancel(t) asks t to stop; t stops at the point where it
 *      waits (its async_sleep, its await...) and runs no more of its own
 *      code, only its cleanup handlers, newest first.
 *   2. Register a handler as soon as the resource it releases exists:
 *          open_it();  async_cleanup_push(release_it, x);
 *      A handler pushed earlier would release what is not there yet.
 *   3. Where the work ends normally, pop: async_cleanup_pop(true) runs the
 *      handler (Python's finally), async_cleanup_pop(false) drops it (the
 *      cleanup was for a cancellation only: except CancelledError).
 *   4. Pops pair with pushes like braces: the newest handler comes off
 *      first.
 *
 * Your task: download holds two resources: a connection (from connecting
 * until it returns) and a temporary file (while the chunks arrive).
 * Cancelled at any point, it must give back what it holds: delete the
 * temporary file, close the connection. Finished, it keeps the file
 * (save_file turns it into the real one) and closes the connection. Here
 * job a finishes and job b is cancelled in its fourth chunk; after each,
 * "open connections: 0, temp files: 0".
 *
 * Check it: make grade EX=34    Stuck? python3 grader/grade.py --hint 34
 */
#include <stdio.h>

#include "async.h"

struct job {
    const char *name; /* the download */
    int chunks;       /* chunks to receive */
    int received;     /* chunks received so far */
};

int open_connections; /* connections open right now */
int temp_files;       /* temporary files that exist right now */

/* hang_up, delete_temp: cleanup handlers; arg is the struct job. */
void
hang_up(void *arg)
{
    struct job *j = arg;

    open_connections--;
    printf("%s: connection closed\n", j->name);
}

void
delete_temp(void *arg)
{
    struct job *j = arg;

    temp_files--;
    printf("%s: temp file deleted\n", j->name);
}

/* save_file: the temporary file becomes the real one. */
static void
save_file(struct job *j)
{
    temp_files--;
    printf("%s: saved %d chunks\n", j->name, j->received);
}

/* download: a task's function (arg: a struct job *). Dials (0.1 s),
 * opens a temporary file, receives the chunks (0.1 s each), saves the
 * file and hangs up. Returns the chunks received. */
async_value
download(void *arg)
{
    struct job *j = arg;

    async_sleep(0.1); /* dialling */
    open_connections++;
    printf("%s: connected\n", j->name);
    /* TODO: from here on the connection must be closed however download
     * ends: register hang_up. */
    TODO("register the cleanup handlers of download");
    temp_files++;
    printf("%s: temp file created\n", j->name);
    /* TODO: a cancelled download must not leave its temporary file
     * behind: register delete_temp. */
    while (j->received < j->chunks) {
        async_sleep(0.1);
        j->received++;
    }
    /* TODO: finished: the file is kept, so delete_temp must not run. */
    save_file(j);
    /* TODO: the normal end closes the connection too. */
    return ASYNC_INT(j->received);
}

static void
report(void)
{
    printf("open connections: %d, temp files: %d\n", open_connections,
           temp_files);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct job a = {"a", 3, 0}, b = {"b", 5, 0};

    async_task *t = async_create_task(download, &a);
    printf("a: returned %ld chunks\n", async_await(t).i);
    report();
    t = async_create_task(download, &b);
    async_sleep(0.45);
    async_cancel(t);
    async_sleep(0); /* one turn of the loop: b unwinds in it */
    printf("b: %s after %d of %d chunks\n",
           async_task_cancelled(t) ? "cancelled" : "not cancelled",
           b.received, b.chunks);
    report();
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
