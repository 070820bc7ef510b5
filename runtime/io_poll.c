// SPDX-License-Identifier: MIT
/* io_poll.c: being written. */
#include "internal.h"
