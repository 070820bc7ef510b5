// SPDX-License-Identifier: MIT
/*
 * clients.c: the test of exercise 46 (make run EX=46 runs it with your
 * chat.c): three people talk, and each prints what it hears, and when.
 * You need not change anything here.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "async.h"
#include "clients.h"
#include "room.h"

static double start; /* when the test began, in loop time */

static void
sleep_until(double at)
{
    async_sleep(at - (async_time() - start));
}

/* Prints what the person hears, until the server closes. */
static async_value
listen_to(void *arg)
{
    struct person *p = arg;
    char line[LINE];
    ssize_t n;

    while ((n = async_stream_readline(p->s, line, sizeof line)) > 0)
        printf("%.2f s  %s heard \"%.*s\"\n", async_time() - start,
               p->name, (int)strcspn(line, "\n"), line);
    return ASYNC_NONE;
}

static async_value
talk(void *arg)
{
    struct person *p = arg;
    char hello[32];

    sleep_until(p->joins);
    p->s = async_open_connection("127.0.0.1", p->port);
    snprintf(hello, sizeof hello, "%s\n", p->name);
    if (*p->name)
        async_stream_write(p->s, hello, strlen(hello));
    async_task *ears = async_create_task(listen_to, p);
    for (struct say *say = p->says;; say++) {
        sleep_until(say->at);
        if (say->text == NULL)
            break;
        async_stream_write(p->s, say->text, strlen(say->text));
    }
    /* Hang up our side; the server then closes its side, which ends
     * listen_to. */
    shutdown(async_stream_fd(p->s), SHUT_WR);
    async_await(ears);
    async_stream_close(p->s);
    return ASYNC_NONE;
}

double
talk_all(struct person *people, int n)
{
    async_task *t[8];

    assert(n <= 8);
    start = async_time();
    for (int i = 0; i < n; i++)
        t[i] = async_create_task(talk, &people[i]);
    async_gather(t, (size_t)n, NULL);
    return async_time() - start;
}

static async_value
test(void *arg)
{
    (void)arg;
    static struct room room;
    async_server *srv = async_start_server(chat_client, &room, "127.0.0.1",
                                           0);
    int port = async_server_port(srv);
    struct person people[] = {
        {"ann", 0.0,
         {{0.3, "hello\n"}, {0.6, "b"}, {0.7, "ye\n"}, {0.9, NULL}},
         port, NULL},
        {"bob", 0.1, {{0.4, "hi ann\n"}, {0.8, NULL}}, port, NULL},
        {"cy", 0.2, {{0.5, NULL}}, port, NULL},
    };

    double left = talk_all(people, 3);
    printf("everyone has left at %.2f s; %d in the room\n", left, room.n);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
