// SPDX-License-Identifier: MIT
/* io.c: being written. */
#include "internal.h"
