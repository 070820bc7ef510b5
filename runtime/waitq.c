// SPDX-License-Identifier: MIT
/* waitq.c: being written. */
#include "internal.h"
