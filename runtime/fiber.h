/* SPDX-License-Identifier: MIT */
/* fiber.h, included by internal.h only: AddressSanitizer must be told when
 * we move between stacks, or it mistakes a task's stack for a stack
 * overflow. These compile to nothing in other builds. */
#ifndef ASYNC_FIBER_H
#define ASYNC_FIBER_H

#if defined(__SANITIZE_ADDRESS__)
#define ASYNC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASYNC_ASAN 1
#endif
#endif
#ifdef ASYNC_ASAN
#include <sanitizer/asan_interface.h>
#define fiber_start __sanitizer_start_switch_fiber
#define fiber_finish __sanitizer_finish_switch_fiber
#define unpoison __asan_unpoison_memory_region
#else
#define fiber_start(save, bottom, size) ((void)(save), (void)(bottom))
#define fiber_finish(save, bottom, size) ((void)(save), (void)(bottom))
#define unpoison(addr, size) ((void)(addr))
#endif

#endif /* ASYNC_FIBER_H */
