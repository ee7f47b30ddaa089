/* Allocation-failure injection, compiled only in a
 * -DJDCLASS_FAULT_INJECTION=ON build (CMake then defines JDC_FAULT_INJECTION
 * for every library object, and the end of internal.h redirects the
 * library's malloc, calloc, realloc and strdup here; uthash's allocations
 * too, since uthash_malloc expands to malloc inside the library's sources).
 *
 * Allocations are counted from 0 since the last jdc__fi_fail_at(n); the
 * n-th one (0-based) fails, every other one is passed to the C library.
 * n < 0 never fails. tests/hostile/faults.c sets n = 0, 1, 2, ... until a
 * run completes without reaching n, checking that each failing call returns
 * JDC_ENOMEM (or NULL for jdc_result_json) without crashing or leaking.
 *
 * Not covered: allocations inside libstemmer (sb_stemmer_new, its stem
 * buffers) and inside the C library itself (fopen's FILE, opendir's DIR,
 * pthread keys), which do not go through these wrappers. A failure there
 * still reaches the library's error paths (sb_stemmer_new returning NULL
 * gives JDC_ESTEMMER; fopen/opendir failing gives JDC_EIO), but it is not
 * injected by this build. */
#define JDC_FAULT_IMPL 1
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static atomic_long fi_target = -1; /* the allocation to fail; < 0: none */
static atomic_long fi_count;       /* allocations since jdc__fi_fail_at() */
static atomic_int fi_hit;          /* the target was reached */

void jdc__fi_fail_at(long n)
{
    atomic_store(&fi_count, 0);
    atomic_store(&fi_hit, 0);
    atomic_store(&fi_target, n);
}

long jdc__fi_count(void) { return atomic_load(&fi_count); }

int jdc__fi_injected(void) { return atomic_load(&fi_hit); }

static int fi_fail(void)
{
    long c = atomic_fetch_add(&fi_count, 1);
    long t = atomic_load(&fi_target);
    if (t >= 0 && c == t) {
        atomic_store(&fi_hit, 1);
        return 1;
    }
    return 0;
}

void *jdc__fi_malloc(size_t n) { return fi_fail() ? NULL : malloc(n); }

void *jdc__fi_calloc(size_t n, size_t size)
{
    return fi_fail() ? NULL : calloc(n, size);
}

void *jdc__fi_realloc(void *p, size_t n)
{
    return fi_fail() ? NULL : realloc(p, n);
}

char *jdc__fi_strdup(const char *s)
{
    return fi_fail() ? NULL : strdup(s);
}
