// SPDX-License-Identifier: MIT
/*
 * driver.c: other people in the student's chat room: two lines in one
 * write, people who leave while others join, and one who hangs up before
 * saying its name. Exercise 46.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "async.h"
#include "room.h"

static double start; /* when the test began, in loop time */

struct say {
    double at;        /* seconds after the start */
    const char *text; /* sent in one write; NULL: hang up */
};

struct person {
    const char *name;   /* who; "" sends no name at all */
    double joins;       /* seconds after the start */
    struct say says[4]; /* what, and when */
    int port;           /* the server's */
    async_stream *s;    /* its connection */
};

static void
sleep_until(double at)
{
    async_sleep(at - (async_time() - start));
}

static async_value
listen_to(void *arg)
{
    struct person *p = arg;
    char line[128];
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
    shutdown(async_stream_fd(p->s), SHUT_WR);
    async_await(ears);
    async_stream_close(p->s);
    return ASYNC_NONE;
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
        {"dee", 0.0, {{0.2, "one\ntwo\n"}, {0.7, NULL}}, port, NULL},
        {"eli", 0.1, {{0.4, NULL}}, port, NULL},
        {"fay", 0.3, {{0.6, "hey"}, {0.65, " you\n"}, {0.9, NULL}},
         port, NULL},
        {"", 0.45, {{0.45, NULL}}, port, NULL},
        {"gil", 0.5, {{0.8, "anyone?\n"}, {1.0, NULL}}, port, NULL},
    };
    async_task *t[5];

    start = async_time();
    for (int i = 0; i < 5; i++)
        t[i] = async_create_task(talk, &people[i]);
    async_gather(t, 5, NULL);
    printf("everyone has left at %.2f s; %d in the room\n",
           async_time() - start, room.n);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
