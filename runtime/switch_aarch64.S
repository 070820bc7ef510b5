/* SPDX-License-Identifier: MIT */
/*
 * switch_aarch64.S: the context switch for AArch64 (AAPCS64), as in
 * switch_x86_64.S, for Linux and macOS (asm labels in internal.h fix the
 * symbol names: Mach-O's leading underscore does not matter).
 *
 *   void switch_context(struct context **old, struct context *new);
 * Callee-saved are x19-x29 (x29: the frame pointer), x30 (the return
 * address) and d8-d15 (the low halves of v8-v15). A struct context is
 * this 160-byte frame, lowest first: x19 ... x30, d8 ... d15.
 */
        .text
        .globl  asyncbook_switch_context
        .p2align 4
asyncbook_switch_context:
        /* 1. Save the registers in a frame below sp; it is the context. */
        sub     sp, sp, #160
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        stp     d8, d9, [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        mov     x9, sp
        str     x9, [x0]

        /* 2. Switch stacks. */
        mov     sp, x1

        /* 3. Restore new's registers and return into it. */
        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        ldp     d8, d9, [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        add     sp, sp, #160
        br      x30                     /* not ret: see switch_x86_64.S */

/* void context_init(struct context **c, void *lo, size_t size,
 *                   void (*entry)(void)): a context at the 16-byte-aligned
 * top of [lo, lo + size) whose first switch returns into entry, x29 0. */
        .globl  asyncbook_context_init
        .p2align 4
asyncbook_context_init:
        add     x9, x1, x2              /* the top of the stack, */
        and     x9, x9, #~15            /* 16-byte aligned, */
        sub     x9, x9, #160            /* less one frame */
        stp     xzr, x3, [x9, #80]      /* x29 = 0, x30 = entry */
        str     x9, [x0]
        ret
