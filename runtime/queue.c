// SPDX-License-Identifier: MIT
/* queue.c: being written. */
#include "internal.h"
