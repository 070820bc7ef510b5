// SPDX-License-Identifier: MIT
/*
 * trace.c: ASYNC_TRACE=FILE writes one JSON object per line for every
 * task event, so tools (the grader, the timeline) can see what the loop
 * did and when. The schema is in TRACE.md beside this file.
 */
#include <stdarg.h>

#include "internal.h"

static void
put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* trace_event: {"t": time, "ev": ev, "task": id, "name": name, ...}.
 * fmt, if not NULL, adds fields; it must start with a comma. */
void
trace_event(const char *ev, const async_task *t, const char *fmt, ...)
{
    FILE *f = config.trace;
    double now = clock_is_virtual() ? clock_now()
                                    : clock_real() - config.trace_origin;

    fprintf(f, "{\"t\":%.6f,\"ev\":\"%s\"", now, ev);
    if (t != NULL) {
        fprintf(f, ",\"task\":%llu,\"name\":", (unsigned long long)t->id);
        put_string(f, t->name);
    }
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vfprintf(f, fmt, ap);
        va_end(ap);
    }
    fputs("}\n", f);
}
