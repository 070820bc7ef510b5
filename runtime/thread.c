// SPDX-License-Identifier: MIT
/* thread.c: being written. */
#include "internal.h"
