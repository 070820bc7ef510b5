// SPDX-License-Identifier: MIT
/*
 * Exercise 46: a chat room.
 *
 * The idea (lesson 22, servers):
 *   1. async_start_server runs each client in a task of its own; what
 *      the clients share (the room: who is connected) lives outside the
 *      tasks and reaches them through arg.
 *   2. A line protocol: the first line a client sends is its name, each
 *      later line a message. async_stream_readline returns one whole
 *      line, or 0 when the client has hung up.
 *   3. Broadcasting is a loop over the room, writing to every member's
 *      stream but the sender's (async_stream_write).
 *   4. When your client function returns, async_start_server closes the
 *      client's stream and frees it: by then it must be out of the room,
 *      or the next broadcast writes to a stream that no longer exists.
 *
 * Your task: write broadcast, and the rest of chat_client: join the
 * room, telling the others "* NAME joined"; send each line the client
 * says to the others as "NAME: line"; when it hangs up, leave the room
 * and tell the others "* NAME left". The test at the bottom has three
 * people talk, and checks who hears what, and when.
 *
 * Check it: make grade EX=46    Stuck? python3 grader/grade.py --hint 46
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "async.h"

#define MEMBERS 16
#define LINE 128

struct member {
    async_stream *s; /* the connection to this client */
    char name[16];   /* what it called itself */
};

struct room {
    int n;                          /* members connected */
    struct member *member[MEMBERS]; /* in the order they joined */
};

/* room_add: m joins r (a full room ignores it). */
void
room_add(struct room *r, struct member *m)
{
    if (r->n < MEMBERS)
        r->member[r->n++] = m;
}

/* room_remove: m leaves r; the others keep their order. */
void
room_remove(struct room *r, struct member *m)
{
    for (int i = 0; i < r->n; i++)
        if (r->member[i] == m) {
            memmove(&r->member[i], &r->member[i + 1],
                    (r->n - i - 1) * sizeof r->member[0]);
            r->n--;
            return;
        }
}

/* read_name: the client's first line, without its '\n'; false if it hung
 * up before sending one. */
bool
read_name(async_stream *s, char *name, size_t size)
{
    ssize_t n = async_stream_readline(s, name, size);

    if (n <= 0 || name[n - 1] != '\n')
        return false;
    name[n - 1] = '\0';
    return true;
}

/* broadcast: sends text (a line ending with '\n') to every member of r
 * but from. */
void
broadcast(struct room *r, struct member *from, const char *text)
{
    for (int i = 0; i < r->n; i++)
        if (r->member[i] != from) /* Why: nobody hears their own words. */
            async_stream_write(r->member[i]->s, text, strlen(text));
}

/* chat_client: the client function; arg is the room. */
void
chat_client(async_stream *s, void *arg)
{
    struct room *r = arg;
    struct member me = {.s = s};

    if (!read_name(s, me.name, sizeof me.name))
        return; /* gone before saying who it is */
    char line[LINE], text[LINE + 32];
    ssize_t n;

    room_add(r, &me);
    snprintf(text, sizeof text, "* %s joined\n", me.name);
    broadcast(r, &me, text);
    /* Why readline: a message may come in pieces, or two in one read. */
    while ((n = async_stream_readline(s, line, sizeof line)) > 0) {
        snprintf(text, sizeof text, "%s: %s", me.name, line);
        broadcast(r, &me, text);
    }
    /* Why first: our stream is freed once we return. */
    room_remove(r, &me);
    snprintf(text, sizeof text, "* %s left\n", me.name);
    broadcast(r, &me, text);
}

/* ---- The test: three people talk (leave it as it is) ------------------ */

static double start; /* when the test began, in loop time */

struct say {
    double at;        /* seconds after the start */
    const char *text; /* sent in one write; NULL: hang up */
};

struct person {
    const char *name;   /* who */
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
    async_task *t[3];

    start = async_time();
    for (int i = 0; i < 3; i++)
        t[i] = async_create_task(talk, &people[i]);
    async_gather(t, 3, NULL);
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
