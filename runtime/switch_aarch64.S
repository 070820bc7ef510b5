/* SPDX-License-Identifier: MIT */
/*
 * switch_aarch64.S: the context switch for AArch64 (AAPCS64), Linux and
 * macOS alike (the symbol name is fixed by an asm label in internal.h, so
 * Mach-O's leading underscore does not matter). Lesson 05 explains it.
 *
 *   void switch_context(struct context *old, struct context *new);
 *
 * Saves the caller's registers into *old, loads *new and returns into
 * *new. Callee-saved are x19-x29 (x29 is the frame pointer), the low
 * halves of v8-v15 (d8-d15), sp, and x30, the return address.
 *
 * Offsets match struct context in internal.h: sp 0, pc 8, gpr 16, fpr 104.
 *
 *   void context_init(struct context *c, void *lo, size_t size,
 *                     void (*entry)(void));
 *
 * Makes a fresh context whose first switch "returns" into entry() with sp
 * at the 16-byte-aligned top of the stack [lo, lo + size).
 */
        .text
        .globl  asyncbook_switch_context
        .p2align 4
asyncbook_switch_context:
        /* 1. Save: sp and the return address, then the callee-saved. */
        mov     x9, sp
        stp     x9, x30, [x0, #0]
        stp     x19, x20, [x0, #16]
        stp     x21, x22, [x0, #32]
        stp     x23, x24, [x0, #48]
        stp     x25, x26, [x0, #64]
        stp     x27, x28, [x0, #80]
        str     x29, [x0, #96]
        stp     d8, d9, [x0, #104]
        stp     d10, d11, [x0, #120]
        stp     d12, d13, [x0, #136]
        stp     d14, d15, [x0, #152]

        /* 2. Switch stacks, and pick up new's return address. */
        ldp     x9, x30, [x1, #0]
        mov     sp, x9

        /* 3. Restore new's registers and return into it. */
        ldp     x19, x20, [x1, #16]
        ldp     x21, x22, [x1, #32]
        ldp     x23, x24, [x1, #48]
        ldp     x25, x26, [x1, #64]
        ldp     x27, x28, [x1, #80]
        ldr     x29, [x1, #96]
        ldp     d8, d9, [x1, #104]
        ldp     d10, d11, [x1, #120]
        ldp     d12, d13, [x1, #136]
        ldp     d14, d15, [x1, #152]
        ret

        .globl  asyncbook_context_init
        .p2align 4
asyncbook_context_init:
        add     x9, x1, x2              /* the top of the stack, */
        and     x9, x9, #~15            /* 16-byte aligned */
        stp     x9, x3, [x0, #0]        /* sp, and entry as the return address */
        ret
