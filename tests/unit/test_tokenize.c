/* Unit tests of the tokeniser (lib/tokenize.c): spans, folded keys, joined
 * groups, flags, and robustness against invalid input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static jdc_tokens T;

static void setup(void) { memset(&T, 0, sizeof T); }
static void teardown(void) { jdc__tokens_free(&T); }

static size_t tok(const char *text, size_t len, unsigned flags)
{
    ck_assert_int_eq(jdc__tokenize(&T, text, len, flags), JDC_OK);
    return T.n;
}

static size_t toks(const char *text) { return tok(text, strlen(text), 0); }

/* Assert token i has span [start, end) and key `key`. */
#define TOK_IS(i, s_, e_, k_)                                                  \
    do {                                                                       \
        const char *k__ = (k_);                                                \
        size_t i__ = (i);                                                      \
        ck_assert_uint_lt(i__, T.n);                                           \
        ck_assert_uint_eq(T.v[i__].start, (s_));                               \
        ck_assert_uint_eq(T.v[i__].end, (e_));                                 \
        ck_assert_msg(T.v[i__].key_len == strlen(k__) &&                       \
                          !memcmp(T.keys.data + T.v[i__].key, k__,             \
                                  strlen(k__)),                                \
                      "token %zu key '%.*s', expected '%s'", i__,              \
                      (int)T.v[i__].key_len, T.keys.data + T.v[i__].key, k__); \
    } while (0)

#define HAS(i, f) ((T.v[(i)].flags & (f)) != 0)

/* Index of the token starting at byte `start`, or -1. */
static long at(uint32_t start)
{
    for (size_t i = 0; i < T.n; i++)
        if (T.v[i].start == start)
            return (long)i;
    return -1;
}

/* Group key of the joined run starting at token i. */
static size_t group_from(const char *text, size_t i, char *buf, size_t cap,
                         size_t *last)
{
    size_t j = i;
    while (j + 1 < T.n && HAS(j + 1, JDC_TOK_JOINED))
        j++;
    *last = j;
    return jdc__group_key(&T, text, i, j, buf, cap);
}

/* ---- spans and keys ------------------------------------------------------ */

START_TEST(spans_and_keys)
{
    const char *s = "  Hello,   World!\tfoo";
    ck_assert_uint_eq(toks(s), 3);
    TOK_IS(0, 2, 7, "hello");
    TOK_IS(1, 11, 16, "world");
    TOK_IS(2, 18, 21, "foo");
    /* a single token covering the whole input */
    ck_assert_uint_eq(toks("x"), 1);
    TOK_IS(0, 0, 1, "x");
}
END_TEST

START_TEST(case_folding_keeps_spans)
{
    const char *s = "KuBeRnEtEs MLOPS Caf\xC3\xA9 \xC3\x89""COLE";
    ck_assert_uint_eq(toks(s), 4);
    TOK_IS(0, 0, 10, "kubernetes");
    ck_assert(!memcmp(s + T.v[0].start, "KuBeRnEtEs", 10));
    TOK_IS(1, 11, 16, "mlops");
    TOK_IS(2, 17, 22, "caf\xC3\xA9");
    /* only ASCII is folded; other characters are kept as they are */
    TOK_IS(3, 23, 29, "\xC3\x89""cole");
}
END_TEST

START_TEST(empty_input)
{
    ck_assert_uint_eq(tok("", 0, 0), 0);
    ck_assert_uint_eq(T.title_end, 0);
    ck_assert_uint_eq(tok("not empty, but len 0", 0, 0), 0);
    ck_assert_uint_eq(toks("   \n\t ,;:!?... --- //"), 0);
}
END_TEST

START_TEST(reuse_resets)
{
    ck_assert_uint_eq(toks("one two three four"), 4);
    ck_assert_uint_eq(toks("five"), 1);
    TOK_IS(0, 0, 4, "five");
    ck_assert_uint_eq(T.keys.len, 4);
}
END_TEST

/* ---- technical tokens ----------------------------------------------------- */

/* Single tokens: the whole word is one token with this key. */
static const struct {
    const char *text, *key;
} singles[] = {
    {"C++", "c++"},       {"C#", "c#"},       {"F#", "f#"},
    {".NET", ".net"},     {"k8s", "k8s"},     {"vLLM", "vllm"},
    {"pgvector", "pgvector"}, {"don't", "don't"}, {"you\xE2\x80\x99ll", "you'll"},
    {"team's", "team's"}, {"K8S", "k8s"},
};

START_TEST(single_tokens)
{
    const char *w = singles[_i].text;
    char buf[64];
    /* alone, and surrounded by other words and punctuation */
    ck_assert_uint_eq(toks(w), 1);
    TOK_IS(0, 0, strlen(w), singles[_i].key);
    ck_assert(!HAS(0, JDC_TOK_JOINED));
    snprintf(buf, sizeof buf, "use %s, daily", w);
    ck_assert_uint_eq(toks(buf), 3);
    TOK_IS(1, 4, 4 + strlen(w), singles[_i].key);
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    ck_assert(!HAS(2, JDC_TOK_JOINED));
}
END_TEST

/* Joined groups: several tokens, all but the first JOINED, group key equal
 * to the lower-cased whole. */
static const struct {
    const char *text, *key;
    size_t parts;
} groups[] = {
    {"Node.js", "node.js", 2},       {"CI/CD", "ci/cd", 2},
    {"A/B", "a/b", 2},               {"scikit-learn", "scikit-learn", 2},
    {"GPT-4o", "gpt-4o", 2},         {"Llama-3", "llama-3", 2},
    {"LLM-as-judge", "llm-as-judge", 3}, {"3.11", "3.11", 2},
    {"R&D", "r&d", 2},               {"snake_case_name", "snake_case_name", 3},
    {"v1.2.3", "v1.2.3", 3},
};

START_TEST(joined_groups)
{
    const char *w = groups[_i].text;
    char text[96], key[JDC_GROUP_MAX];
    snprintf(text, sizeof text, "We use %s today", w);
    size_t n = toks(text);
    ck_assert_uint_eq(n, 3 + groups[_i].parts);
    ck_assert(!HAS(0, JDC_TOK_JOINED));
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    ck_assert_uint_eq(T.v[2].start, 7);
    ck_assert(!HAS(2, JDC_TOK_JOINED));
    for (size_t k = 1; k < groups[_i].parts; k++) {
        ck_assert_msg(HAS(2 + k, JDC_TOK_JOINED), "part %zu of %s not joined",
                      k, w);
        ck_assert(!HAS(2 + k, JDC_TOK_SENT)); /* "." inside is no sentence end */
    }
    ck_assert(!HAS(2 + groups[_i].parts, JDC_TOK_JOINED));
    size_t last;
    size_t kl = group_from(text, 2, key, sizeof key, &last);
    ck_assert_uint_eq(last, 1 + groups[_i].parts);
    ck_assert_uint_eq(T.v[last].end, 7 + strlen(w));
    ck_assert_uint_eq(kl, strlen(groups[_i].key));
    ck_assert_msg(!memcmp(key, groups[_i].key, kl), "group key '%.*s' != '%s'",
                  (int)kl, key, groups[_i].key);
}
END_TEST

START_TEST(group_key_parts)
{
    const char *s = "Node.js";
    ck_assert_uint_eq(toks(s), 2);
    TOK_IS(0, 0, 4, "node");
    TOK_IS(1, 5, 7, "js");
    char key[JDC_GROUP_MAX];
    /* a single token's group key is its own key */
    ck_assert_uint_eq(jdc__group_key(&T, s, 1, 1, key, sizeof key), 2);
    ck_assert(!memcmp(key, "js", 2));
    /* too small a buffer gives 0 rather than a truncated key */
    ck_assert_uint_eq(jdc__group_key(&T, s, 0, 1, key, 6), 0);
    ck_assert_uint_eq(jdc__group_key(&T, s, 0, 1, key, 7), 7);
    ck_assert(!memcmp(key, "node.js", 7));
}
END_TEST

START_TEST(joiners_need_adjacency)
{
    /* a joiner next to a space does not join; two joiners in a row neither */
    ck_assert_uint_eq(toks("CI / CD"), 2);
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    ck_assert_uint_eq(toks("CI//CD"), 2);
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    ck_assert_uint_eq(toks("a - b"), 2);
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    /* "+" and "," are no joiners */
    ck_assert_uint_eq(toks("a+b,c"), 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert(!HAS(i, JDC_TOK_JOINED));
}
END_TEST

START_TEST(plus_hash_rules)
{
    /* ++ and # only after a one- or two-letter word */
    ck_assert_uint_eq(toks("C++17 and Java++"), 4);
    TOK_IS(0, 0, 1, "c"); /* "C++17": '+' followed by a digit: not C++ */
    TOK_IS(1, 3, 5, "17");
    TOK_IS(3, 10, 14, "java");
    ck_assert_uint_eq(toks("(C#) and C++."), 3);
    TOK_IS(0, 1, 3, "c#");
    TOK_IS(2, 9, 12, "c++");
    /* a '.' starts a token only after a space, '(' or the start */
    ck_assert_uint_eq(toks("ASP.NET (.NET)"), 3);
    TOK_IS(0, 0, 3, "asp");
    TOK_IS(1, 4, 7, "net");
    ck_assert(HAS(1, JDC_TOK_JOINED));
    TOK_IS(2, 9, 13, ".net");
    ck_assert(!HAS(2, JDC_TOK_JOINED));
}
END_TEST

START_TEST(apostrophes)
{
    /* only between word characters; the key always uses ASCII ' */
    const char *s = "don't 'quoted' you\xE2\x80\x99ll teams\xE2\x80\x99 rock\xE2\x80\x98n";
    ck_assert_uint_eq(toks(s), 5);
    TOK_IS(0, 0, 5, "don't");
    TOK_IS(1, 7, 13, "quoted");
    TOK_IS(2, 15, 23, "you'll");
    TOK_IS(3, 24, 29, "teams");
    TOK_IS(4, 33, 41, "rock'n");
}
END_TEST

/* ---- flags ---------------------------------------------------------------- */

START_TEST(title_first_line)
{
    const char *s = "Senior MLOps Engineer\nWe build pipelines.";
    ck_assert_uint_eq(toks(s), 6);
    ck_assert_uint_eq(T.title_end, 21);
    for (size_t i = 0; i < 3; i++)
        ck_assert_msg(HAS(i, JDC_TOK_TITLE), "token %zu not in title", i);
    for (size_t i = 3; i < 6; i++)
        ck_assert_msg(!HAS(i, JDC_TOK_TITLE), "token %zu in title", i);

    ck_assert_uint_eq(tok(s, strlen(s), JDC_FLAG_NO_TITLE), 6);
    ck_assert_uint_eq(T.title_end, 0);
    for (size_t i = 0; i < 6; i++)
        ck_assert(!HAS(i, JDC_TOK_TITLE));
}
END_TEST

START_TEST(title_skips_blank_and_markdown)
{
    const char *s = "\n   \n\t\n# LLM Engineer\n\nBody text";
    ck_assert_uint_eq(toks(s), 4);
    long t0 = at(9);
    ck_assert_int_eq(t0, 0);
    TOK_IS(0, 9, 12, "llm");
    ck_assert(HAS(0, JDC_TOK_TITLE) && HAS(1, JDC_TOK_TITLE));
    ck_assert(!HAS(2, JDC_TOK_TITLE) && !HAS(3, JDC_TOK_TITLE));
    /* a rule line of === or --- counts as blank */
    s = "=====\n---\nTitle\nbody";
    ck_assert_uint_eq(toks(s), 2);
    ck_assert(HAS(0, JDC_TOK_TITLE));
    ck_assert(!HAS(1, JDC_TOK_TITLE));
    /* a single-line input is all title */
    ck_assert_uint_eq(toks("only a title"), 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert(HAS(i, JDC_TOK_TITLE));
}
END_TEST

START_TEST(title_too_long)
{
    /* the first non-blank line is no title when longer than 300 bytes */
    char s[400];
    memset(s, 'a', sizeof s);
    for (size_t i = 5; i < 350; i += 6)
        s[i] = ' ';
    s[350] = '\n';
    memcpy(s + 351, "body", 4);
    size_t n = tok(s, 355, 0);
    ck_assert_uint_gt(n, 2);
    for (size_t i = 0; i < n; i++)
        ck_assert(!HAS(i, JDC_TOK_TITLE));
    ck_assert_uint_eq(T.title_end, 0);
}
END_TEST

START_TEST(newline_and_sentence_flags)
{
    const char *s = "one two. three! four? five; six: seven\neight\xE2\x80\xA8nine";
    ck_assert_uint_eq(tok(s, strlen(s), JDC_FLAG_NO_TITLE), 9);
    /* first token: start of a line and of a sentence */
    ck_assert(HAS(0, JDC_TOK_NEWLINE) && HAS(0, JDC_TOK_SENT));
    ck_assert(!HAS(1, JDC_TOK_SENT) && !HAS(1, JDC_TOK_NEWLINE));
    for (size_t i = 2; i <= 6; i++) {
        ck_assert_msg(HAS(i, JDC_TOK_SENT), "token %zu lacks SENT", i);
        ck_assert_msg(!HAS(i, JDC_TOK_NEWLINE), "token %zu has NEWLINE", i);
    }
    ck_assert(HAS(7, JDC_TOK_NEWLINE) && HAS(7, JDC_TOK_SENT));
    /* U+2028 LINE SEPARATOR is a line break too */
    ck_assert(HAS(8, JDC_TOK_NEWLINE) && HAS(8, JDC_TOK_SENT));
    /* a joiner across a line break does not join */
    ck_assert_uint_eq(toks("CI/\nCD"), 2);
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    ck_assert(HAS(1, JDC_TOK_NEWLINE));
}
END_TEST


/* ---- robustness ------------------------------------------------------------ */

/* Each case: "ab" + bad bytes + "cd" gives exactly the tokens ab and cd. */
static const struct {
    const char *bad;
    size_t len;
    const char *what;
} bad_bytes[] = {
    {"\xC0\x80", 2, "overlong C0 80"},
    {"\xC1\xBF", 2, "overlong C1 BF"},
    {"\xE0\x80\xAF", 3, "overlong E0 80 AF"},
    {"\xED\xA0\x80", 3, "surrogate ED A0 80"},
    {"\xED\xBF\xBF", 3, "surrogate ED BF BF"},
    {"\xE2\x82", 2, "truncated E2 82"},
    {"\xF0\x9F\x98", 3, "truncated F0 9F 98"},
    {"\x80", 1, "stray continuation 80"},
    {"\xBF\xBF", 2, "stray continuations"},
    {"\xF5\x80\x80\x80", 4, "F5 lead"},
    {"\xF8", 1, "F8"},
    {"\xFE\xFF", 2, "FE FF"},
    {"\xFF", 1, "FF"},
    {"\xF4\x90\x80\x80", 4, "above U+10FFFF"},
    {"\0", 1, "NUL"},
    {"\0\0\0", 3, "NULs"},
    {"\x01\x02\x1B\x7F", 4, "control characters"},
    {"\r", 1, "CR"},
    {"\xC2\x85", 2, "C1 control U+0085"},
};

START_TEST(invalid_bytes_separate)
{
    char text[32];
    size_t bl = bad_bytes[_i].len;
    memcpy(text, "ab", 2);
    memcpy(text + 2, bad_bytes[_i].bad, bl);
    memcpy(text + 2 + bl, "cd", 2);
    size_t n = tok(text, 4 + bl, 0);
    ck_assert_msg(n == 2, "%s: %zu tokens", bad_bytes[_i].what, n);
    TOK_IS(0, 0, 2, "ab");
    TOK_IS(1, 2 + bl, 4 + bl, "cd");
    ck_assert(!HAS(1, JDC_TOK_JOINED));
    /* and at the very end of the input */
    n = tok(text, 2 + bl, 0);
    ck_assert_msg(n == 1, "%s at end: %zu tokens", bad_bytes[_i].what, n);
    TOK_IS(0, 0, 2, "ab");
    /* and alone */
    n = tok(bad_bytes[_i].bad, bl, 0);
    ck_assert_msg(n == 0, "%s alone: %zu tokens", bad_bytes[_i].what, n);
}
END_TEST

START_TEST(valid_multibyte_is_word)
{
    /* 2-, 3- and 4-byte characters in the letter blocks are word characters */
    const char *s = "na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC \xF0\xA0\x80\x80x";
    ck_assert_uint_eq(toks(s), 3);
    TOK_IS(0, 0, 6, "na\xC3\xAFve");
    TOK_IS(1, 7, 13, "\xE6\x97\xA5\xE6\x9C\xAC");
    TOK_IS(2, 14, 19, "\xF0\xA0\x80\x80x");
    /* symbols and punctuation outside ASCII separate: bullet, em dash, emoji */
    s = "a\xE2\x80\xA2" "b\xE2\x80\x94" "c\xF0\x9F\x98\x80" "d";
    ck_assert_uint_eq(toks(s), 4);
    TOK_IS(3, 13, 14, "d");
}
END_TEST

START_TEST(random_bytes_never_crash)
{
    /* deterministic pseudo-random garbage, with every invariant checked */
    size_t len = 1 << 16;
    unsigned char *buf = malloc(len);
    ck_assert_ptr_nonnull(buf);
    uint32_t x = 2463534242u;
    for (int round = 0; round < 8; round++) {
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            /* bias towards interesting bytes */
            unsigned char c = (unsigned char)x;
            if ((x >> 8) % 4 == 0)
                c = "-/._&'#+.\n \0\xE2\x80\x99\xC3"[(x >> 12) % 17];
            buf[i] = c;
        }
        size_t n = tok((const char *)buf, len - (size_t)round * 7,
                       round & 1 ? JDC_FLAG_NO_TITLE : 0);
        uint32_t prev = 0;
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_ge(T.v[i].start, prev);
            ck_assert_uint_lt(T.v[i].start, T.v[i].end);
            ck_assert_uint_le(T.v[i].end, len);
            ck_assert_uint_ge(T.v[i].key_len, 1);
            ck_assert_uint_le(T.v[i].key_len, JDC_TOKEN_MAX);
            ck_assert_uint_le(T.v[i].key + T.v[i].key_len, T.keys.len);
            /* no NUL or control byte ever reaches a key */
            for (size_t k = 0; k < T.v[i].key_len; k++)
                ck_assert_uint_ge((unsigned char)T.keys.data[T.v[i].key + k],
                                  0x20);
            prev = T.v[i].end;
        }
    }
    free(buf);
}
END_TEST

START_TEST(long_run_is_cut)
{
    size_t len = 10000;
    char *s = malloc(len);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < len; i++)
        s[i] = (char)('a' + i % 26);
    size_t n = tok(s, len, 0);
    ck_assert_uint_eq(n, (len + JDC_TOKEN_MAX - 1) / JDC_TOKEN_MAX);
    uint32_t expect = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_eq(T.v[i].start, expect);
        ck_assert_uint_le(T.v[i].end - T.v[i].start, JDC_TOKEN_MAX);
        ck_assert_uint_le(T.v[i].key_len, JDC_TOKEN_MAX);
        ck_assert_uint_eq(T.v[i].key_len, T.v[i].end - T.v[i].start);
        ck_assert(!memcmp(T.keys.data + T.v[i].key, s + T.v[i].start,
                          T.v[i].key_len));
        /* the pieces are separate words, not a joined group */
        ck_assert(!HAS(i, JDC_TOK_JOINED));
        expect = T.v[i].end;
    }
    ck_assert_uint_eq(expect, len);
    free(s);
}
END_TEST

START_TEST(long_multibyte_run_is_cut_on_boundaries)
{
    /* 3000 copies of U+65E5 (3 bytes): pieces never split a character */
    size_t count = 3000, len = count * 3;
    char *s = malloc(len);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < count; i++)
        memcpy(s + 3 * i, "\xE6\x97\xA5", 3);
    size_t n = tok(s, len, 0);
    ck_assert_uint_gt(n, len / JDC_TOKEN_MAX);
    uint32_t expect = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_eq(T.v[i].start, expect);
        ck_assert_uint_eq(T.v[i].start % 3, 0);
        ck_assert_uint_eq(T.v[i].end % 3, 0);
        ck_assert_uint_le(T.v[i].key_len, JDC_TOKEN_MAX);
        expect = T.v[i].end;
    }
    ck_assert_uint_eq(expect, len);
    free(s);
}
END_TEST

Suite *tokenize_suite(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("basics");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, spans_and_keys);
    tcase_add_test(tc, case_folding_keeps_spans);
    tcase_add_test(tc, empty_input);
    tcase_add_test(tc, reuse_resets);
    suite_add_tcase(s, tc);

    tc = tcase_create("technical");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, single_tokens, 0,
                        (int)(sizeof singles / sizeof *singles));
    tcase_add_loop_test(tc, joined_groups, 0,
                        (int)(sizeof groups / sizeof *groups));
    tcase_add_test(tc, group_key_parts);
    tcase_add_test(tc, joiners_need_adjacency);
    tcase_add_test(tc, plus_hash_rules);
    tcase_add_test(tc, apostrophes);
    suite_add_tcase(s, tc);

    tc = tcase_create("flags");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, title_first_line);
    tcase_add_test(tc, title_skips_blank_and_markdown);
    tcase_add_test(tc, title_too_long);
    tcase_add_test(tc, newline_and_sentence_flags);
    suite_add_tcase(s, tc);

    tc = tcase_create("robustness");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, invalid_bytes_separate, 0,
                        (int)(sizeof bad_bytes / sizeof *bad_bytes));
    tcase_add_test(tc, valid_multibyte_is_word);
    tcase_add_test(tc, random_bytes_never_crash);
    tcase_add_test(tc, long_run_is_cut);
    tcase_add_test(tc, long_multibyte_run_is_cut_on_boundaries);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(tokenize_suite()); }
