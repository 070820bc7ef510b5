// SPDX-License-Identifier: MIT
/* timeout.c: being written. */
#include "internal.h"
