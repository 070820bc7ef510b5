// SPDX-License-Identifier: MIT
/*
 * clients.h: the clients that talk to exercise 45's server, shared by its
 * test (clients.c) and its driver (driver.c). You need not change it.
 */
#ifndef CLIENTS_H
#define CLIENTS_H

#include "async.h"

/* One thing a client does: wait, send a command (in one write), then
 * print each reply line it expects, or, with cmd NULL, hang up. */
struct step {
    int who;         /* which client: an index into names and streams */
    double after;    /* seconds to wait first */
    const char *cmd; /* sent in one write; NULL: hang up */
    int replies;     /* reply lines to expect */
};

/* Runs the n steps in order; a client that hangs up has its stream
 * closed and set to NULL. */
void run_steps(const char **names, async_stream **s, const struct step *steps,
               int n);

#endif
