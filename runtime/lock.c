// SPDX-License-Identifier: MIT
/* lock.c: being written. */
#include "internal.h"
