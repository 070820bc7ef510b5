// SPDX-License-Identifier: MIT
/* io_epoll.c: being written. */
#include "internal.h"
