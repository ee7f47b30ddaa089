/* A growable byte buffer with a sticky out-of-memory flag, so that callers
 * append freely and check once at the end. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int jdc__buf_reserve(jdc_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void jdc__buf_put(jdc_buf *b, const char *s, size_t n)
{
    if (jdc__buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void jdc__buf_puts(jdc_buf *b, const char *s) { jdc__buf_put(b, s, strlen(s)); }

void jdc__buf_putc(jdc_buf *b, char c) { jdc__buf_put(b, &c, 1); }

void jdc__buf_printf(jdc_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        jdc__buf_put(b, tmp, (size_t)n);
        return;
    }
    if (jdc__buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void jdc__buf_free(jdc_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

size_t jdc__utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    size_t need;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        need = 2, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3, v = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4, v = c & 0x07;
    else
        return 0; /* continuation byte, C0/C1 overlong lead, > F4 */
    if (n < need)
        return 0;
    for (size_t k = 1; k < need; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (p[k] & 0x3F);
    }
    if ((need == 3 && v < 0x800) || (need == 4 && v < 0x10000) ||
        v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0; /* overlong, out of range, surrogate */
    *cp = v;
    return need;
}
