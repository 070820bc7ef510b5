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
 * with reply(s, text), which adds the '\n'; store_get and store_set
 * reach the store (store.h says how, store.c holds them). A last piece
 * without its '\n' (the client hung up in the middle of a command) is no
 * command: ignore it. The test (clients.c, beside this file; make run
 * EX=45 runs it) sends commands from two clients, two in one write and
 * one in two writes.
 *
 * Check it: make grade EX=45    Stuck? python3 grader/grade.py --hint 45
 */
#include <stdio.h>

#include "async.h"
#include "store.h"

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
