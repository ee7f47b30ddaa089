/* Helpers shared by the fuzz harnesses: a fatal-invariant macro and a
 * strict JSON validator (RFC 8259 grammar, UTF-8 checked, no trailing
 * bytes), so that "the output is valid JSON for any input" is checked on
 * every fuzz input. Header-only (static functions). */
#ifndef JDC_FUZZ_UTIL_H
#define JDC_FUZZ_UTIL_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A violated invariant is a finding: say which, then abort() so that
 * libFuzzer (and the replay program's ctest run) reports it. */
#define FUZZ_CHECK(cond, ...)                                                 \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: invariant violated: %s: ", __FILE__,      \
                    __LINE__, #cond);                                         \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* 1 when x is a finite number in [lo, hi]. */
static inline int fuzz_in(double x, double lo, double hi)
{
    return isfinite(x) && x >= lo && x <= hi;
}

/* 1 when s (may be NULL) is one of the NULL-terminated list. */
static inline int fuzz_one_of(const char *s, const char *const *list)
{
    if (!s)
        return 0;
    for (; *list; list++)
        if (!strcmp(s, *list))
            return 1;
    return 0;
}

/* ---- strict JSON validator ---------------------------------------------- */

typedef struct fuzz_json {
    const unsigned char *p, *end;
    int depth;
} fuzz_json;

static int fj_value(fuzz_json *j);

static void fj_ws(fuzz_json *j)
{
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int fj_lit(fuzz_json *j, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
        return 0;
    j->p += n;
    return 1;
}

static int fj_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* One UTF-8 character of a string body; rejects overlong forms,
 * surrogates, code points above U+10FFFF and truncated sequences. */
static int fj_utf8(fuzz_json *j)
{
    unsigned c = *j->p;
    size_t need;
    unsigned cp;
    if (c < 0x80) {
        j->p++;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4, cp = c & 0x07;
    } else {
        return 0;
    }
    if ((size_t)(j->end - j->p) < need)
        return 0;
    for (size_t k = 1; k < need; k++) {
        if ((j->p[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (j->p[k] & 0x3F);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    j->p += need;
    return 1;
}

static int fj_string(fuzz_json *j)
{
    if (j->p >= j->end || *j->p != '"')
        return 0;
    j->p++;
    while (j->p < j->end) {
        unsigned c = *j->p;
        if (c == '"') {
            j->p++;
            return 1;
        }
        if (c < 0x20)
            return 0; /* raw control character */
        if (c == '\\') {
            j->p++;
            if (j->p >= j->end)
                return 0;
            c = *j->p++;
            if (c == 'u') {
                for (int k = 0; k < 4; k++)
                    if (j->p >= j->end || !fj_hex(*j->p++))
                        return 0;
            } else if (!strchr("\"\\/bfnrt", (int)c) || c == 0) {
                return 0;
            }
            continue;
        }
        if (!fj_utf8(j))
            return 0;
    }
    return 0;
}

static int fj_number(fuzz_json *j)
{
    const unsigned char *s = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p >= j->end)
        return 0;
    if (*j->p == '0') {
        j->p++;
    } else if (*j->p >= '1' && *j->p <= '9') {
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    } else {
        return 0;
    }
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (j->p >= j->end || *j->p < '0' || *j->p > '9')
            return 0;
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (j->p >= j->end || *j->p < '0' || *j->p > '9')
            return 0;
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    return j->p > s;
}

static int fj_container(fuzz_json *j, int object)
{
    if (++j->depth > 64)
        return 0;
    j->p++; /* '{' or '[' */
    fj_ws(j);
    if (j->p < j->end && *j->p == (object ? '}' : ']')) {
        j->p++;
        j->depth--;
        return 1;
    }
    for (;;) {
        fj_ws(j);
        if (object) {
            if (!fj_string(j))
                return 0;
            fj_ws(j);
            if (j->p >= j->end || *j->p != ':')
                return 0;
            j->p++;
            fj_ws(j);
        }
        if (!fj_value(j))
            return 0;
        fj_ws(j);
        if (j->p >= j->end)
            return 0;
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p == (object ? '}' : ']')) {
            j->p++;
            j->depth--;
            return 1;
        }
        return 0;
    }
}

static int fj_value(fuzz_json *j)
{
    if (j->p >= j->end)
        return 0;
    switch (*j->p) {
    case '{': return fj_container(j, 1);
    case '[': return fj_container(j, 0);
    case '"': return fj_string(j);
    case 't': return fj_lit(j, "true");
    case 'f': return fj_lit(j, "false");
    case 'n': return fj_lit(j, "null");
    default: return fj_number(j);
    }
}

/* 1 when s is exactly one JSON object, on one line (no raw newline), with
 * nothing after it. On failure *where receives the offset of the error. */
static inline int fuzz_json_valid(const char *s, size_t *where)
{
    size_t n = strlen(s);
    fuzz_json j = {(const unsigned char *)s, (const unsigned char *)s + n, 0};
    int ok = n > 0 && s[0] == '{' && fj_value(&j) && j.p == j.end &&
             !memchr(s, '\n', n);
    if (where)
        *where = (size_t)(j.p - (const unsigned char *)s);
    return ok;
}

#endif
