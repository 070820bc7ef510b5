// SPDX-License-Identifier: MIT
/* stream.c: being written. */
#include "internal.h"
