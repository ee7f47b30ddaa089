/* Unit tests of the stemmer wrapper (lib/stem.c, libstemmer's Porter2). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static jdc_stemmer *S;

static void setup(void)
{
    S = jdc__stemmer_new();
    ck_assert_ptr_nonnull(S);
}

static void teardown(void)
{
    jdc__stemmer_free(S);
    S = NULL;
}

/* Stem `word` and compare with `expect`. */
static void stem_is(const char *word, const char *expect)
{
    size_t n = (size_t)-1;
    const char *r = jdc__stem(S, word, strlen(word), &n);
    ck_assert_ptr_nonnull(r);
    ck_assert_msg(n == strlen(expect) && !memcmp(r, expect, n),
                  "stem(%s) = '%.*s', expected '%s'", word, (int)n, r, expect);
}

START_TEST(inflections_share_a_stem)
{
    static const char *forms[] = {"monitoring", "monitored", "monitors",
                                  "monitor"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        stem_is(forms[i], "monitor");
}
END_TEST

/* Pinned Porter2 outputs: the model's stems depend on them, so a change of
 * libstemmer's algorithm shows up here first. */
static const struct {
    const char *word, *stem;
} pinned[] = {
    {"pipelines", "pipelin"}, {"pipeline", "pipelin"},
    {"stores", "store"},      {"tuning", "tune"},
    {"tuned", "tune"},        {"learning", "learn"},
    {"features", "featur"},   {"deployment", "deploy"},
    {"engineering", "engin"}, {"models", "model"},
    {"registries", "registri"}, {"embeddings", "embed"},
};

START_TEST(pinned_stems)
{
    stem_is(pinned[_i].word, pinned[_i].stem);
}
END_TEST

START_TEST(empty_word)
{
    size_t n = 99;
    const char *r = jdc__stem(S, "", 0, &n);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(n, 0);
    /* the stemmer is still usable afterwards */
    stem_is("monitoring", "monitor");
}
END_TEST

START_TEST(input_not_modified)
{
    char word[] = "monitoring";
    char copy[sizeof word];
    memcpy(copy, word, sizeof word);
    size_t n;
    const char *r = jdc__stem(S, word, strlen(word), &n);
    ck_assert_ptr_nonnull(r);
    ck_assert_mem_eq(word, copy, sizeof word);
    ck_assert_ptr_ne(r, word);
    ck_assert_uint_eq(n, 7);
    /* not NUL-terminated input: only `len` bytes are read */
    char part[] = {'t', 'u', 'n', 'i', 'n', 'g', 'X'};
    r = jdc__stem(S, part, 6, &n);
    ck_assert_uint_eq(n, 4);
    ck_assert(!memcmp(r, "tune", 4));
    ck_assert_int_eq(part[6], 'X');
}
END_TEST

START_TEST(result_is_copied)
{
    /* the returned buffer is ours: NUL-terminated, and stable until the
     * next call on the same stemmer */
    size_t n;
    const char *r = jdc__stem(S, "features", 8, &n);
    ck_assert_str_eq(r, "featur");
    jdc_stemmer *other = jdc__stemmer_new();
    ck_assert_ptr_nonnull(other);
    size_t n2;
    const char *r2 = jdc__stem(other, "deployment", 10, &n2);
    ck_assert_str_eq(r2, "deploy");
    ck_assert_str_eq(r, "featur"); /* untouched by another stemmer */
    jdc__stemmer_free(other);
    jdc__stemmer_free(NULL); /* accepted */
}
END_TEST

START_TEST(long_and_odd_words)
{
    /* the longest token the tokeniser produces stems without trouble */
    char w[JDC_TOKEN_MAX];
    memset(w, 'a', sizeof w);
    size_t n;
    const char *r = jdc__stem(S, w, sizeof w, &n);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_le(n, sizeof w);
    /* longer than the wrapper's buffer: returned unchanged */
    char big[JDC_TOKEN_MAX * 2 + 1];
    memset(big, 'b', sizeof big);
    r = jdc__stem(S, big, sizeof big, &n);
    ck_assert_uint_eq(n, sizeof big);
    ck_assert(!memcmp(r, big, n));
    /* non-ASCII UTF-8 and digits pass through */
    stem_is("caf\xC3\xA9s", "caf\xC3\xA9");
    stem_is("k8s", "k8s");
    stem_is("3", "3");
}
END_TEST

Suite *stem_suite(void)
{
    Suite *s = suite_create("stem");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, inflections_share_a_stem);
    tcase_add_loop_test(tc, pinned_stems, 0,
                        (int)(sizeof pinned / sizeof *pinned));
    tcase_add_test(tc, empty_word);
    tcase_add_test(tc, input_not_modified);
    tcase_add_test(tc, result_is_copied);
    tcase_add_test(tc, long_and_odd_words);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(stem_suite()); }
