/* Shared helpers for the Check unit suites. */
#define _XOPEN_SOURCE 700 /* nftw(), mkdtemp() */
#include "unit.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* All temporary directories of a run live under one base directory made by
 * unit_run() in the parent process and removed by it after the suite, so
 * that a failing test (whose forked process exits before its own clean-up)
 * leaves nothing behind. */
static char unit_base[4096];

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

char *unit_tmpdir(void)
{
    const char *base = unit_base[0] ? unit_base : getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    size_t n = strlen(base) + 32;
    char *p = malloc(n);
    ck_assert_ptr_nonnull(p);
    snprintf(p, n, "%s/jdc-unit-XXXXXX", base);
    ck_assert_msg(mkdtemp(p) != NULL, "mkdtemp(%s): %s", p, strerror(errno));
    return p;
}

void unit_write(const char *dir, const char *name, const void *data,
                size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    ck_assert_msg(fp != NULL, "fopen(%s): %s", path, strerror(errno));
    ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
}

void unit_write_str(const char *dir, const char *name, const char *text)
{
    unit_write(dir, name, text, strlen(text));
}

void unit_rmtree(char *dir)
{
    if (!dir)
        return;
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *unit_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "fopen(%s): %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    fclose(fp);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int unit_run(Suite *s)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(unit_base, sizeof unit_base, "%s/jdc-unit-run-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(unit_base))
        unit_base[0] = '\0'; /* fall back to per-test directories in TMPDIR */
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (unit_base[0])
        nftw(unit_base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---- JSON validator ------------------------------------------------------ */

typedef struct jp {
    const unsigned char *p;
    int depth;
} jp;

static void ws(jp *j)
{
    while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
        j->p++;
}

static int hex4(const unsigned char *p)
{
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
              (c >= 'A' && c <= 'F')))
            return 0;
    }
    return 1;
}

/* One UTF-8 character at p (>= 0x80); returns its length or 0. */
static size_t utf8_char(const unsigned char *p)
{
    unsigned c = p[0];
    size_t need;
    unsigned long cp;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4, cp = c & 0x07;
    else
        return 0;
    for (size_t k = 1; k < need; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[k] & 0x3F);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need;
}

static int jstring(jp *j)
{
    if (*j->p != '"')
        return 0;
    j->p++;
    for (;;) {
        unsigned c = *j->p;
        if (c == '"') {
            j->p++;
            return 1;
        }
        if (c < 0x20)
            return 0; /* includes the terminating NUL */
        if (c == '\\') {
            unsigned e = j->p[1];
            if (e == 'u') {
                if (!hex4(j->p + 2))
                    return 0;
                j->p += 6;
            } else if (strchr("\"\\/bfnrt", (int)e) && e) {
                j->p += 2;
            } else {
                return 0;
            }
        } else if (c >= 0x80) {
            size_t n = utf8_char(j->p);
            if (!n)
                return 0;
            j->p += n;
        } else {
            j->p++;
        }
    }
}

static int jnumber(jp *j)
{
    const unsigned char *p = j->p;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return 0;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    j->p = p;
    return 1;
}

static int jvalue(jp *j);

static int jlist(jp *j, char close, int object)
{
    j->p++;
    ws(j);
    if (*j->p == (unsigned char)close) {
        j->p++;
        return 1;
    }
    for (;;) {
        ws(j);
        if (object) {
            if (!jstring(j))
                return 0;
            ws(j);
            if (*j->p != ':')
                return 0;
            j->p++;
        }
        if (!jvalue(j))
            return 0;
        ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p == (unsigned char)close) {
            j->p++;
            return 1;
        }
        return 0;
    }
}

static int jvalue(jp *j)
{
    ws(j);
    if (++j->depth > 64)
        return 0;
    int ok;
    switch (*j->p) {
    case '{': ok = jlist(j, '}', 1); break;
    case '[': ok = jlist(j, ']', 0); break;
    case '"': ok = jstring(j); break;
    case 't': ok = !strncmp((const char *)j->p, "true", 4) && (j->p += 4); break;
    case 'f': ok = !strncmp((const char *)j->p, "false", 5) && (j->p += 5); break;
    case 'n': ok = !strncmp((const char *)j->p, "null", 4) && (j->p += 4); break;
    default: ok = jnumber(j);
    }
    j->depth--;
    return ok;
}

int unit_json_valid(const char *s)
{
    if (!s)
        return 0;
    jp j = {(const unsigned char *)s, 0};
    if (!jvalue(&j))
        return 0;
    ws(&j);
    return *j.p == '\0';
}
