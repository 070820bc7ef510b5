// SPDX-License-Identifier: MIT
/*
 * echo.h: what echo.c defines, for the tests that call it (clients.c,
 * driver.c). Exercise 44.
 */
#ifndef ECHO_H
#define ECHO_H

#include "async.h"

/* The task serving one client: arg is its socket, (void *)(long)fd. */
async_value echo_client(void *arg);

/* The accept loop: arg is the listening socket, (void *)(long)fd. */
async_value serve(void *arg);

/* Listens on 127.0.0.1 and starts serve; returns the port, or -1. */
int start_echo_server(void);

#endif
