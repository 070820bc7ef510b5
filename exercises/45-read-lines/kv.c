// SPDX-License-Identifier: MIT
/*
 * Exercise 45: a key-value server, one line at a time.
 *
 * The idea (lesson 22, servers):
 *   1. TCP carries bytes, not messages: two commands may arrive in one
 *      read and one command in two. A line protocol ends each message
 *      with '\n', and the reader puts the lines back together.
 *   2. async_stream_readline(s, buf, size) waits until a whole line has
 *      come and returns it with its '\n' (and a '\0'); at end of file it
 *      returns what is left without a '\n', then 0.
 *   3. async_start_server(fn, arg, host, port) runs fn(stream, arg) in a
 *      task of its own for each client, and closes the stream when fn
 *      returns.
 *   4. What the clients share (here the store) lives outside the tasks;
 *      each task reaches it through arg.
 *
 * Your task: write handle, the server's client function. For each line:
 *     SET key value   store value under key, reply OK
 *     GET key         reply the value, or NOT FOUND
 *     anything else   reply ERROR unknown command
 * with reply(s, text), which adds the '\n'. A last piece without its
 * '\n' (the client hung up in the middle of a command) is no command:
 * ignore it. The test at the bottom sends commands from two clients,
 * two in one write and one in two writes.
 *
 * Check it: make grade EX=45    Stuck? python3 grader/grade.py --hint 45
 */
#include <stdio.h>
#include <string.h>

#include "async.h"

#define KEYS 32

struct store {
    int n;                /* keys in use */
    char key[KEYS][32];   /* key[i] holds value[i] */
    char value[KEYS][32]; /* each at most 31 characters */
};

/* store_get: the value of key, or NULL. */
const char *
store_get(struct store *st, const char *key)
{
    for (int i = 0; i < st->n; i++)
        if (strcmp(st->key[i], key) == 0)
            return st->value[i];
    return NULL;
}

/* store_set: sets key to value (a full store forgets the new key). */
void
store_set(struct store *st, const char *key, const char *value)
{
    int i = 0;

    while (i < st->n && strcmp(st->key[i], key) != 0)
        i++;
    if (i == KEYS)
        return;
    if (i == st->n)
        snprintf(st->key[st->n++], sizeof st->key[0], "%s", key);
    snprintf(st->value[i], sizeof st->value[0], "%s", value);
}

/* reply: sends text and a '\n' to the client. */
void
reply(async_stream *s, const char *text)
{
    async_stream_write(s, text, strlen(text));
    async_stream_write(s, "\n", 1);
}

/* handle: the client function; arg is the struct store all clients
 * share. Answers each command line until the client hangs up. */
void
handle(async_stream *s, void *arg)
{
    struct store *st = arg;

    /* TODO: for each whole line from async_stream_readline, parse it
     * (sscanf(line, "SET %31s %31s", key, value) == 2, and so on) and
     * reply; stop at end of file, or at a piece without its '\n'. */
    TODO("read each command line and reply to it");
    (void)s, (void)st;
}

/* ---- The test: two clients (leave it as it is) ------------------------ */

struct step {
    int who;         /* which client: 0 ann, 1 bob */
    double after;    /* seconds to wait first */
    const char *cmd; /* sent in one write */
    int replies;     /* reply lines to expect */
};

static async_value
read_reply(void *arg)
{
    void **a = arg;
    return ASYNC_INT(async_stream_readline(a[0], a[1], 80));
}

/* Prints text as C would write it: "\n" for a newline. */
static void
print_text(const char *who, const char *verb, const char *text)
{
    printf("%s %s \"", who, verb);
    for (; *text; text++)
        if (*text == '\n')
            printf("\\n");
        else
            putchar(*text);
    printf("\"\n");
}

/* Waits at most 0.5 s for one reply line, and prints it. */
static void
expect_reply(const char *who, async_stream *s)
{
    char line[80];
    async_value n;

    if (!async_timeout(0.5, read_reply, (void *[]){s, line}, &n))
        printf("%s gets no reply within 0.5 s\n", who);
    else if (n.i == 0)
        printf("%s gets no reply: the server closed the connection\n", who);
    else {
        line[strcspn(line, "\n")] = '\0';
        print_text(who, "gets", line);
    }
}

static void
run_steps(const char **names, async_stream **s, struct step *steps, int n)
{
    for (int i = 0; i < n; i++) {
        struct step *st = &steps[i];
        async_sleep(st->after);
        print_text(names[st->who], "sends", st->cmd);
        async_stream_write(s[st->who], st->cmd, strlen(st->cmd));
        for (int r = 0; r < st->replies; r++)
            expect_reply(names[st->who], s[st->who]);
    }
}

static async_value
test(void *arg)
{
    (void)arg;
    static struct store st;
    const char *names[] = {"ann", "bob"};
    struct step steps[] = {
        {0, 0, "SET color blue\n", 1},
        {1, 0, "GET color\n", 1},
        {1, 0, "GET size\n", 1},
        {1, 0, "SET size 42\nGET size\n", 2},
        {0, 0, "GE", 0},
        {0, 0.1, "T size\n", 1},
        {0, 0, "HELLO\n", 1},
    };
    async_server *srv = async_start_server(handle, &st, "127.0.0.1", 0);
    async_stream *s[] = {
        async_open_connection("127.0.0.1", async_server_port(srv)),
        async_open_connection("127.0.0.1", async_server_port(srv)),
    };

    run_steps(names, s, steps, sizeof steps / sizeof steps[0]);
    for (int i = 0; i < 2; i++)
        async_stream_close(s[i]);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
