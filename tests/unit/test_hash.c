/* Unit tests of the keyed hash (lib/hash.c). The key is random per process,
 * so the tests check properties, never fixed values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

START_TEST(deterministic_in_process)
{
    static const char s[] = "feature store";
    uint64_t h = jdc__hash(s, sizeof s - 1);
    ck_assert(h == jdc__hash(s, sizeof s - 1));
    /* the bytes, not the pointer, determine the hash */
    char copy[sizeof s];
    memcpy(copy, s, sizeof s);
    ck_assert(h == jdc__hash(copy, sizeof s - 1));
    /* the length is part of the input */
    ck_assert(h != jdc__hash(s, sizeof s - 2));
    ck_assert(jdc__hash("", 0) == jdc__hash("x", 0)); /* only len bytes read */
}
END_TEST

START_TEST(every_byte_and_length_matters)
{
    /* all tail lengths of the 8-byte block loop, each byte position */
    unsigned char buf[40];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 37 + 11);
    for (size_t len = 1; len <= sizeof buf; len++) {
        uint64_t h = jdc__hash(buf, len);
        for (size_t pos = 0; pos < len; pos++) {
            buf[pos] ^= 1;
            ck_assert_msg(jdc__hash(buf, len) != h,
                          "flipping byte %zu of %zu kept the hash", pos, len);
            buf[pos] ^= 1;
        }
        ck_assert(jdc__hash(buf, len) == h);
    }
    /* zero-padding does not collide: "a" vs "a\0" */
    ck_assert(jdc__hash("a", 1) != jdc__hash("a\0", 2));
}
END_TEST

START_TEST(no_collisions_on_similar_keys)
{
    /* 100,000 near-identical keys: no 64-bit collision expected */
    const size_t n = 100000;
    uint64_t *h = malloc(n * sizeof *h);
    ck_assert_ptr_nonnull(h);
    char key[32];
    for (size_t i = 0; i < n; i++) {
        int len = snprintf(key, sizeof key, "term%zu", i);
        h[i] = jdc__hash(key, (size_t)len);
    }
    qsort(h, n, sizeof *h, cmp_u64);
    for (size_t i = 1; i < n; i++)
        ck_assert_msg(h[i] != h[i - 1], "collision at %zu", i);
    /* the low bits (what uthash uses for buckets) are spread too */
    size_t buckets[256] = {0};
    for (size_t i = 0; i < n; i++)
        buckets[h[i] & 255]++;
    for (size_t b = 0; b < 256; b++)
        ck_assert_msg(buckets[b] > n / 256 / 2 && buckets[b] < n / 256 * 2,
                      "bucket %zu holds %zu of %zu", b, buckets[b], n);
    free(h);
}
END_TEST

Suite *hash_suite(void)
{
    Suite *s = suite_create("hash");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, deterministic_in_process);
    tcase_add_test(tc, every_byte_and_length_matters);
    tcase_add_test(tc, no_collisions_on_similar_keys);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(hash_suite()); }
