// SPDX-License-Identifier: MIT
/* semaphore.c: being written. */
#include "internal.h"
