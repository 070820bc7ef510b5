// SPDX-License-Identifier: MIT
/*
 * clients.h: the people who talk in exercise 46's chat room, shared by
 * its test (clients.c) and its driver (driver.c). You need not change it.
 */
#ifndef CLIENTS_H
#define CLIENTS_H

#include "async.h"

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

/* Starts the clock, then lets the n people join, talk and hang up, each
 * in a task of its own printing what it hears and when; returns once
 * all have left, with the seconds that took. */
double talk_all(struct person *people, int n);

#endif
