/* Hostile inputs: every case finishes, gives a defined result, and its peak
 * memory stays within a bound proportional to its input.
 *
 * MEMORY BOUND (asserted for every case):
 *
 *     peak RSS growth  <=   40 x input bytes + 64 MiB        (plain builds)
 *     peak RSS growth  <=  512 x input bytes + 512 MiB   (ASan/TSan builds)
 *
 * "peak RSS growth" is getrusage(RUSAGE_SELF).ru_maxrss at the end of the
 * case minus ru_maxrss once its input is built, measured in a child process
 * per case (fork), so that one case's peak cannot mask another's. It covers
 * the whole library call: jdc_classify (or jdc_model_load) plus
 * jdc_result_json of the result. "input bytes" is the posting's length, or
 * the total size of the model's files.
 *
 * Measured (Release, x86-64, glibc; the test prints the table), bytes of
 * peak growth per input byte, with JSON:
 *                                  issue 14   before (192x bound)
 *     100 MB of postings            4.4        10.9
 *     1,000,000 distinct tokens    22.7        22.4
 *     repeat-1m "feature store "    7.2        24.9
 *     one line, 10 MB              13.2        40.5
 *     "a " x 2M (dense-tokens)      8.6        26.5
 *     "ML " x 1.4M (dense-matches) 24.9        87.3   <- the worst posting
 *     model, 1,000,000 lines        9.3         9.1
 *     model files with a 1 MB line 25.2        25.6   (mostly the constant)
 * A result keeps at most JDC_MATCHES_PER_TERM_MAX matches per term (the
 * rest are counted), so the result and its JSON no longer grow with the
 * input, and candidate units are walked in windows of 4,096 (lib/match.c)
 * instead of one 36-byte unit per word. What remains proportional is a
 * 16-byte token per word (and its folded key), a 28-byte hit per term match
 * and per signal-phrase match (the scorer and the signal rules see every
 * hit) and a sentence record: "ML " is a token and two hits every 3 bytes;
 * 1,000,000 distinct tokens also fill the per-thread memo. The bound is
 * 1.6x the worst measured ratio. The target, 16 bytes per byte
 * for any input, is not reached for the densest inputs (it needs hits
 * aggregated per term as they are found); the constant covers the
 * per-thread memo (emptied past 65,536 words), the stemmer, the
 * allocator's arenas and the capped matches (at most 100 per term of the
 * model). (Measured ASan Debug worst: 140 bytes per byte before the cap,
 * dense-matches; redzones on every allocation and freed memory kept in
 * quarantine up to 256 MiB, hence the separate bound.) A model file written
 * to make every 2-byte word a term with a 200-byte name could exceed the
 * bound: models are trusted configuration, postings are not.
 *
 * Cases:
 *  empty            NULL/0 and "" -> other, score 0, no matches
 *  limit-default    100 MB with the default 64 MiB limit -> JDC_ETOOBIG
 *                   before any work (no memory growth); limit boundaries
 *                   (len == max is accepted, len == max + 1 refused; a
 *                   4 GiB length is refused even with max_input SIZE_MAX)
 *  limit-boundary   exactly 64 MiB with the default limit is classified
 *  text-100mb       100 MB of generated posting-like text with
 *                   jdc_classify_ex(max_input = 128 MiB) -> classified
 *  token-10mb       one 10 MB token (cut into 64-byte pieces)
 *  invalid-utf8     every kind of invalid UTF-8: overlong 2/3/4-byte forms,
 *                   surrogates, > U+10FFFF, 5/6-byte forms, F5-FF, truncated
 *                   sequences (also at the very end), stray continuation
 *                   bytes; each alone, then 8 MB of them mixed with words,
 *                   plain and as HTML
 *  nul-bytes        NUL bytes between and inside words, and 8 MB of NULs
 *  repeat-1m        1,000,000 repeats of "feature store " -> 1,000,000
 *                   matches counted (100 kept)
 *  dense-tokens     "a " x 2,097,152: a word every 2 bytes, no match
 *  dense-matches    "ML " x 1,398,101: a match every 3 bytes (the worst
 *                   memory per input byte)
 *  distinct-1m      1,000,000 distinct tokens; classifying them costs about
 *                   the same per token as 100,000 (printed: see "hash
 *                   flooding" below)
 *  html-nested-100k 100,000 nested <div> (and <ul><li>, <b>, <svg>, an
 *                   unterminated <script>) with JDC_FLAG_HTML
 *  one-line         10 MB on one line without a space (it is all title)
 *  model-1m-lines   a model whose terms file has 1,000,000 generated terms
 *  model-1mb-line   model files with a 1 MB line: a comment, a term of
 *                   100,000 aliases, a 1 MB canonical name, a 1 MB token,
 *                   a 1 MB model name
 *
 * Hash flooding. The library's hash tables (uthash for the model: words,
 * stems, exact forms; an open-addressing memo per thread for the posting's
 * words) are keyed: SipHash-1-3 and a keyed multiply-mix hash with a
 * 128-bit key drawn from getrandom() once per process (lib/hash.c). Against
 * uthash's default Jenkins hash (fixed seed 0xfeedbeef, public), a flood is
 * built offline: hash candidate tokens ("aaaaa", "aaaab", ...) and keep the
 * ones whose hash is 0 modulo 2^k, for the largest table size the attacker
 * expects. Every kept token lands in the same bucket, so each look-up walks
 * a chain as long as the number of tokens already inserted, and N tokens
 * cost O(N^2); uthash even stops expanding a table whose expansions do not
 * help. Against the memo's open addressing the same prefix-collision set
 * makes every probe sequence start at the same slot. With a keyed hash the
 * attacker cannot evaluate the hash function, so no such set can be built
 * here (or anywhere outside the process): the test can only show the
 * result of the defence, that the per-token cost of 1,000,000 distinct
 * tokens stays close to that of 100,000 (it prints both; a flood would
 * make the ratio ~10 at 10x the tokens). No timing is asserted.
 *
 * Usage: hostile EXAMPLES_DIR [CASE...]   (no CASE: all) */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jdclass.h>

#include "fuzz_util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HOSTILE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define HOSTILE_SANITIZED 1
#endif
#endif

#ifdef HOSTILE_SANITIZED
#define BOUND_PER_BYTE 512.0
#define BOUND_CONST (512.0 * 1024 * 1024)
#else
#define BOUND_PER_BYTE 40.0
#define BOUND_CONST (64.0 * 1024 * 1024)
#endif

#define MB (1024u * 1024u)

static const char *examples_dir;
static char *examples[16]; /* the example postings (*.md but README.md) */
static size_t nexamples;

static void load_examples(void)
{
    DIR *d = opendir(examples_dir);
    if (!d) {
        perror(examples_dir);
        exit(2);
    }
    struct dirent *de;
    while ((de = readdir(d)) && nexamples < 16) {
        size_t n = strlen(de->d_name);
        if (n < 4 || strcmp(de->d_name + n - 3, ".md") ||
            !strcmp(de->d_name, "README.md"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", examples_dir, de->d_name);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            continue;
        char *buf = calloc(1, 1 << 20);
        size_t k = buf ? fread(buf, 1, (1 << 20) - 1, fp) : 0;
        fclose(fp);
        if (k)
            examples[nexamples++] = buf;
        else
            free(buf);
    }
    closedir(d);
}

/* ---- result of a case, sent from the child to the parent ----------------- */

typedef struct outcome {
    int ok;           /* 1 when every check passed */
    size_t input;     /* bytes of input */
    long base_kb;     /* ru_maxrss once the input was built */
    long peak_kb;     /* ru_maxrss at the end */
    long classify_kb; /* ru_maxrss after the first classification */
    double seconds;   /* wall time of the library calls */
    char msg[768];    /* the defined result, or what failed */
} outcome;

static outcome *cur; /* the child's outcome */

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            if (cur->ok) {                                                    \
                int k_ = snprintf(cur->msg, sizeof cur->msg, "line %d: %s: ", \
                                  __LINE__, #cond);                           \
                if (k_ > 0 && (size_t)k_ < sizeof cur->msg)                   \
                    snprintf(cur->msg + k_, sizeof cur->msg - (size_t)k_,     \
                             __VA_ARGS__);                                    \
            }                                                                 \
            cur->ok = 0;                                                      \
            return;                                                           \
        }                                                                     \
    } while (0)

#define NOTE(...) snprintf(cur->msg, sizeof cur->msg, __VA_ARGS__)

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Start of the measured part: the input is built. */
static double t0;
static void input_ready(size_t input)
{
    cur->input = input;
    cur->base_kb = maxrss_kb();
    t0 = now();
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "hostile: out of memory building an input\n");
        _exit(3);
    }
    return p;
}

/* xorshift64*: deterministic pseudo-random input */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* Classify, check the result's invariants and render it as JSON (checked
 * too). Returns the status; *nmatches and *label when not NULL. */
static int classify_checked(const char *text, size_t len, unsigned flags,
                            size_t max_input, size_t *nmatches,
                            jdc_track *label, int *failed)
{
    jdc_result *r = NULL;
    int rc = jdc_classify_ex(&r, jdc_model_default(), text, len, flags,
                             max_input);
    *failed = 0;
    if (!cur->classify_kb && len == cur->input)
        cur->classify_kb = maxrss_kb();
    if (rc != JDC_OK) {
        if (r)
            *failed = 1;
        return rc;
    }
    size_t n = jdc_result_match_count(r);
    for (size_t i = 0; i < n; i++) {
        const jdc_match *m = jdc_result_match(r, i);
        if (!(m->start < m->end && m->end <= len)) {
            *failed = 1;
            break;
        }
    }
    for (size_t i = 0; i < jdc_result_signal_count(r); i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        if (!(s->start <= s->end && s->end <= len))
            *failed = 1;
    }
    double sc = jdc_result_score(r);
    if (!(sc >= 0 && sc <= 1))
        *failed = 1;
    char *js = jdc_result_json(r, "hostile");
    size_t where;
    if (!js || !fuzz_json_valid(js, &where))
        *failed = 1;
    /* at most JDC_MATCHES_PER_TERM_MAX kept per term; all counted */
    size_t total = jdc_result_match_total(r);
    if (total < n)
        *failed = 1;
    if (nmatches)
        *nmatches = total;
    if (label)
        *label = jdc_result_label(r);
    jdc_free(js);
    jdc_result_free(r);
    return rc;
}

/* ---- posting-like text ---------------------------------------------------- */

static const char *const filler[] = {
    "the", "and", "our", "team", "you", "will", "with", "work", "build",
    "systems", "data", "across", "product", "engineers", "help", "customers",
    "we", "are", "looking", "for", "a", "to", "of", "in", "on", "own",
    "design", "deliver", "production", "platform", "scale", "reliable",
    "experience", "strong", "skills", "communication", "collaborate",
    "stakeholders", "improve", "quality", "latency", "cost", "services",
    "tooling", "pipelines", "monitoring", "support", "mentor", "review",
    "code", "testing", "documentation", "roadmap", "users", "growth",
    "company", "mission", "values", "remote-first", "office", "culture",
};
static const char *const vocab[] = {
    "MLflow", "Kubeflow", "feature store", "model registry", "Airflow",
    "Kubernetes", "Terraform", "Docker", "AWS", "SageMaker", "Vertex AI",
    "LLM", "RAG", "vector database", "LangChain", "prompt engineering",
    "evals", "guardrails", "fine-tuning", "PyTorch", "TensorFlow",
    "data drift", "model monitoring", "CI/CD", "Python", "Go", "Spark",
    "dbt", "Snowflake", "React", "SQL", "Tableau", "Feast", "Ray",
    "Triton", "vLLM", "embeddings", "agents", "A/B testing", "Evidently",
};
static const char *const headings[] = {
    "## About us", "## What you'll do", "## Requirements", "## Nice to have",
    "## Benefits", "**Responsibilities**", "About you:",
};
static const char *const titles[] = {
    "Senior MLOps Engineer", "LLMOps Engineer", "ML Platform Engineer",
    "Data Analyst", "Staff Machine Learning Engineer", "AI Engineer (LLM)",
    "Junior Data Scientist", "Frontend Engineer",
};

/* Append to buf (capacity cap) as much of s as fits. */
static size_t put(char *buf, size_t n, size_t cap, const char *s)
{
    size_t k = strlen(s);
    if (k > cap - n)
        k = cap - n;
    memcpy(buf + n, s, k);
    return n + k;
}

/* Exactly `len` bytes of postings: every fifth is one of the example
 * postings, the others are generated: a title line, a salary line, headed
 * sections of sentences mixing common words and vocabulary terms. */
static char *posting_text(size_t len)
{
    char *buf = xmalloc(len + 1);
    size_t n = 0;
    unsigned long post = 0;
    char tmp[128];
    while (n < len) {
        post++;
        if (nexamples && post % 5 == 0) {
            n = put(buf, n, len, examples[post / 5 % nexamples]);
            n = put(buf, n, len, "\n\n");
            continue;
        }
        snprintf(tmp, sizeof tmp, "# %s #%lu\n",
                 titles[rnd() % (sizeof titles / sizeof *titles)], post);
        n = put(buf, n, len, tmp);
        unsigned lo = 40 + (unsigned)(rnd() % 80);
        snprintf(tmp, sizeof tmp,
                 "London, hybrid. \xc2\xa3%u,000 - \xc2\xa3%u,000 per annum."
                 "\n\n",
                 lo, lo + 20);
        n = put(buf, n, len, tmp);
        for (int sec = 0; sec < 5 && n < len; sec++) {
            n = put(buf, n, len,
                    headings[rnd() % (sizeof headings / sizeof *headings)]);
            n = put(buf, n, len, "\n");
            int sentences = 2 + (int)(rnd() % 5);
            for (int s = 0; s < sentences && n < len; s++) {
                n = put(buf, n, len, "- ");
                int words = 6 + (int)(rnd() % 14);
                for (int w = 0; w < words && n < len; w++) {
                    if (w)
                        n = put(buf, n, len, " ");
                    if (rnd() % 6 == 0)
                        n = put(buf, n, len,
                                vocab[rnd() % (sizeof vocab / sizeof *vocab)]);
                    else
                        n = put(buf, n, len, filler[rnd() % (sizeof filler /
                                                             sizeof *filler)]);
                }
                n = put(buf, n, len, rnd() % 7 == 0 ? ", no Kubernetes yet.\n"
                                                    : ".\n");
            }
            n = put(buf, n, len, "\n");
        }
    }
    buf[len] = '\0';
    return buf;
}

/* ---- cases -------------------------------------------------------------- */

static void case_empty(void)
{
    input_ready(0);
    int failed;
    size_t nm = 1;
    jdc_track label = JDC_TRACK_HYBRID;
    int rc = classify_checked(NULL, 0, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "NULL/0: %d", rc);
    CHECK(nm == 0 && label == JDC_TRACK_OTHER, "NULL/0: %zu matches", nm);
    rc = classify_checked("", 0, JDC_FLAG_HTML, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed && nm == 0 && label == JDC_TRACK_OTHER,
          "\"\": %d", rc);
    jdc_result *r = NULL;
    rc = jdc_classify(&r, jdc_model_default(), "", 0, 0);
    CHECK(rc == JDC_OK && jdc_result_score(r) == 0, "score");
    jdc_result_free(r);
    NOTE("label other, score 0, no matches");
}

static void case_limit_default(void)
{
    size_t len = 100u * 1000 * 1000;
    char *text = posting_text(len);
    input_ready(len);
    jdc_result *r = (jdc_result *)text;
    int rc = jdc_classify(&r, jdc_model_default(), text, len, 0);
    CHECK(rc == JDC_ETOOBIG && r == NULL, "100 MB, default limit: %d", rc);
    CHECK(strstr(jdc_error_last(), "limit"), "message '%s'",
          jdc_error_last());
    r = (jdc_result *)text;
    rc = jdc_classify_ex(&r, jdc_model_default(), text, len, 0,
                         JDC_MAX_INPUT_DEFAULT);
    CHECK(rc == JDC_ETOOBIG && r == NULL, "explicit default limit: %d", rc);
    /* boundaries */
    rc = jdc_classify_ex(&r, jdc_model_default(), text, 1000, 0, 1000);
    CHECK(rc == JDC_OK, "len == max_input refused: %d", rc);
    jdc_result_free(r);
    rc = jdc_classify_ex(&r, jdc_model_default(), text, 1001, 0, 1000);
    CHECK(rc == JDC_ETOOBIG && r == NULL, "len == max_input + 1: %d", rc);
    rc = jdc_classify_ex(&r, jdc_model_default(), text,
                         JDC_MAX_INPUT_DEFAULT + 1, 0, 0);
    CHECK(rc == JDC_ETOOBIG && r == NULL, "64 MiB + 1: %d", rc);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", jdc_error_last());
    /* a limit above 4 GiB - 1 is clamped (offsets are 32-bit): a length of
     * 4 GiB is refused without its bytes being read (only 100 MB exist) */
    rc = jdc_classify_ex(&r, jdc_model_default(), text, (size_t)1 << 32, 0,
                         SIZE_MAX);
    CHECK(rc == JDC_ETOOBIG && r == NULL, "4 GiB with SIZE_MAX limit: %d",
          rc);
    NOTE("JDC_ETOOBIG before any work (\"%s\"); 4 GiB refused even with "
         "max_input SIZE_MAX", msg);
    free(text);
}

/* Exactly the default limit is accepted: 64 MiB (of NUL bytes, which make
 * no tokens, so that the call is quick; text-100mb classifies real text). */
static void case_limit_boundary(void)
{
    size_t len = JDC_MAX_INPUT_DEFAULT;
    char *text = xmalloc(len);
    memset(text, 0, len);
    memcpy(text, "# MLOps Engineer\nMLflow", 24);
    input_ready(len);
    size_t nm = 0;
    jdc_track label;
    int failed;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "64 MiB exactly, default limit: %d", rc);
    NOTE("64 MiB with the default limit: %s, %zu matches",
         jdc_track_name(label), nm);
    free(text);
}

static void case_text_100mb(void)
{
    size_t len = 100u * 1000 * 1000;
    char *text = posting_text(len);
    input_ready(len);
    size_t nm = 0;
    jdc_track label;
    int failed;
    int rc = classify_checked(text, len, 0, 128u * MB, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "100 MB: %d %s", rc, jdc_error_last());
    CHECK(nm > 100000, "only %zu matches", nm);
    NOTE("%s, %zu matches", jdc_track_name(label), nm);
    free(text);
}

static void case_token_10mb(void)
{
    size_t len = 10u * MB;
    static const char alnum[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char *text = xmalloc(len);
    for (size_t i = 0; i < len; i++)
        text[i] = alnum[(i * 7 + i / 64) % 62];
    input_ready(len);
    size_t nm;
    jdc_track label;
    int failed;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "10 MB token: %d", rc);
    /* the same with one letter (every 64-byte piece has the same key) and
     * as HTML */
    memset(text, 'a', len);
    rc = classify_checked(text, len, JDC_FLAG_HTML, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "10 MB of 'a' as HTML: %d", rc);
    NOTE("%s, %zu matches", jdc_track_name(label), nm);
    free(text);
}

static const struct {
    const char *name;
    const char *bytes;
} bad_utf8[] = {
    {"overlong 2-byte", "\xc0\x80"},
    {"overlong 2-byte C1", "\xc1\xbf"},
    {"overlong 3-byte", "\xe0\x80\x80"},
    {"overlong 3-byte max", "\xe0\x9f\xbf"},
    {"overlong 4-byte", "\xf0\x80\x80\x80"},
    {"overlong 4-byte max", "\xf0\x8f\xbf\xbf"},
    {"surrogate high", "\xed\xa0\x80"},
    {"surrogate low", "\xed\xbf\xbf"},
    {"surrogate pair", "\xed\xa0\xbd\xed\xb8\x80"},
    {"above U+10FFFF", "\xf4\x90\x80\x80"},
    {"5-byte form", "\xf8\x88\x80\x80\x80"},
    {"6-byte form", "\xfc\x84\x80\x80\x80\x80"},
    {"F5", "\xf5\x80\x80\x80"},
    {"FE FF", "\xfe\xff"},
    {"truncated 2-byte", "\xc3"},
    {"truncated 3-byte", "\xe2\x82"},
    {"truncated 4-byte", "\xf0\x9f\x98"},
    {"stray continuation", "\x80"},
    {"stray continuations", "\x80\xbf\x80\xbf"},
    {"lead then ASCII", "\xe2(\xa1"},
};
#define NBAD (sizeof bad_utf8 / sizeof bad_utf8[0])

static void case_invalid_utf8(void)
{
    size_t len = 8u * MB;
    char *text = xmalloc(len);
    size_t n = 0, k = 0;
    while (n < len) {
        const char *w = k % 3 == 0   ? "MLflow"
                        : k % 3 == 1 ? "feature"
                                     : "store";
        const char *b = bad_utf8[k % NBAD].bytes;
        n = put(text, n, len, w);
        n = put(text, n, len, b);
        if (k % 5 == 0)
            n = put(text, n, len, " ");
        k++;
    }
    /* end on a truncated sequence */
    text[len - 1] = '\xe2';
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    char one[64];
    for (size_t i = 0; i < NBAD; i++) {
        for (int where = 0; where < 3; where++) {
            /* alone; before a term; after a term, at the very end */
            const char *fmt = where == 0   ? "%s"
                              : where == 1 ? "%sMLflow"
                                           : "MLflow %s";
            int m = snprintf(one, sizeof one, fmt, bad_utf8[i].bytes);
            for (unsigned fl = 0; fl <= JDC_FLAG_HTML; fl += JDC_FLAG_HTML) {
                int rc = classify_checked(one, (size_t)m, fl, 0, &nm, &label,
                                          &failed);
                CHECK(rc == JDC_OK && !failed, "%s (%d): %d", bad_utf8[i].name,
                      where, rc);
                if (where)
                    CHECK(nm == 1, "%s: MLflow next to it not matched (%zu)",
                          bad_utf8[i].name, nm);
            }
        }
    }
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "8 MB mixed: %d", rc);
    rc = classify_checked(text, len, JDC_FLAG_HTML, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "8 MB mixed as HTML: %d", rc);
    NOTE("%zu kinds each alone and next to a term; 8 MB mixed: %s, %zu "
         "matches", NBAD, jdc_track_name(label), nm);
    free(text);
}

static void case_nul_bytes(void)
{
    size_t len = 8u * MB;
    char *text = xmalloc(len);
    memset(text, 0, len);
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed && nm == 0, "8 MB of NUL: %d %zu", rc, nm);
    rc = classify_checked(text, len, JDC_FLAG_HTML, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed && nm == 0, "8 MB of NUL as HTML: %d", rc);
    static const char mixed[] = "\0\0\0MLflow\0Kubeflow\0\0feature\0store";
    jdc_result *r = NULL;
    rc = jdc_classify(&r, jdc_model_default(), mixed, sizeof mixed - 1, 0);
    CHECK(rc == JDC_OK && jdc_result_match_count(r) >= 2,
          "terms between NULs: %d", rc);
    CHECK(jdc_result_match(r, 0)->start == 3, "MLflow at %zu",
          jdc_result_match(r, 0)->start);
    jdc_result_free(r);
    for (size_t i = 0; i < len; i += 7)
        memcpy(text + i, "MLOps\0", i + 6 <= len ? 6 : len - i);
    rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed && nm > 0, "MLOps\\0 x 1M: %d", rc);
    NOTE("NULs separate tokens: %s, %zu matches", jdc_track_name(label), nm);
    free(text);
}

/* The densest tokens: "a " over and over, a word every 2 input bytes that
 * matches nothing. */
static void case_dense_tokens(void)
{
    size_t len = 4u * MB;
    char *text = xmalloc(len);
    for (size_t i = 0; i < len; i += 2)
        memcpy(text + i, "a ", 2);
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "%d", rc);
    NOTE("%s, %zu matches", jdc_track_name(label), nm);
    free(text);
}

/* The densest matches: "ML " (a term of two letters) over and over, one
 * match per 3 input bytes: the worst memory per input byte (a token and
 * two hits, term and signal phrase, each; the result keeps only JDC_MATCHES_PER_TERM_MAX of
 * them, so its JSON stays small). */
static void case_dense_matches(void)
{
    size_t len = 4u * MB / 3 * 3;
    char *text = xmalloc(len);
    for (size_t i = 0; i < len; i += 3)
        memcpy(text + i, "ML ", 3);
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "%d", rc);
    CHECK(nm == len / 3, "%zu matches, expected %zu", nm, len / 3);
    NOTE("%s, %zu matches", jdc_track_name(label), nm);
    free(text);
}

static void case_repeat_1m(void)
{
    static const char phrase[] = "feature store ";
    size_t k = sizeof phrase - 1, reps = 1000000, len = k * reps;
    char *text = xmalloc(len);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * k, phrase, k);
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "%d", rc);
    CHECK(nm == reps, "%zu matches, expected %zu", nm, reps);
    NOTE("%s, %zu matches", jdc_track_name(label), nm);
    free(text);
}

/* `count` distinct lower-case tokens of 6 letters, separated by spaces:
 * token i is i * an odd constant mod 26^6 in base 26 (a bijection, so all
 * distinct, and scattered rather than sequential). */
static size_t distinct_tokens(char *buf, size_t count)
{
    const uint64_t mod = 308915776ULL; /* 26^6 */
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        uint64_t v = (i * 2654435761ULL + 12345) % mod;
        for (int c = 0; c < 6; c++) {
            buf[n++] = (char)('a' + v % 26);
            v /= 26;
        }
        buf[n++] = ' ';
    }
    return n;
}

static double time_classify(const char *text, size_t len, int reps)
{
    double best = 1e30;
    for (int i = 0; i < reps; i++) {
        jdc_thread_cleanup(); /* start from an empty memo every time */
        jdc_result *r = NULL;
        double a = cpu_now();
        int rc = jdc_classify(&r, jdc_model_default(), text, len, 0);
        double b = cpu_now();
        jdc_result_free(r);
        if (rc != JDC_OK)
            return -1;
        if (b - a < best)
            best = b - a;
    }
    return best;
}

static void case_distinct_1m(void)
{
    size_t count = 1000000;
    char *text = xmalloc(count * 7);
    size_t len = distinct_tokens(text, count);
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "%d", rc);
    /* cost per token: 100,000 vs 1,000,000 (best of 3, thread CPU time) */
    size_t small = 100000 * 7;
    double t_small = time_classify(text, small, 3);
    double t_big = time_classify(text, len, 3);
    CHECK(t_small > 0 && t_big > 0, "timing runs failed");
    double per_small = t_small / 100000 * 1e9, per_big = t_big / 1e6 * 1e9;
    NOTE("%s; %.0f ns/token at 100k, %.0f ns/token at 1M: ratio %.2f "
         "(quadratic look-ups would give ~10)",
         jdc_track_name(label), per_small, per_big, per_big / per_small);
    free(text);
}

static void case_html_nested(void)
{
    size_t depth = 100000;
    size_t len = depth * (5 + 6) + 64;
    char *text = xmalloc(len + 64);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++)
        n = put(text, n, len, "<div>");
    n = put(text, n, len, "MLOps engineer, MLflow");
    for (size_t i = 0; i < depth; i++)
        n = put(text, n, len, "</div>");
    input_ready(n);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, n, JDC_FLAG_HTML, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "100,000 nested div: %d", rc);
    size_t nm_div = nm;
    static const char *const opens[] = {"<ul><li>", "<b>", "<svg>",
                                        "<table><tr><td>", "<p", "<!--",
                                        "<script>"};
    for (size_t v = 0; v < sizeof opens / sizeof *opens; v++) {
        size_t m = 0, k = strlen(opens[v]);
        size_t cap = depth * k + 64;
        char *t = xmalloc(cap);
        for (size_t i = 0; i < depth; i++)
            m = put(t, m, cap, opens[v]);
        m = put(t, m, cap, "MLOps engineer");
        for (unsigned fl = JDC_FLAG_HTML; fl <= JDC_FLAG_HTML_AUTO; fl <<= 1) {
            rc = classify_checked(t, m, fl, 0, &nm, &label, &failed);
            CHECK(rc == JDC_OK && !failed, "100,000 x %s: %d", opens[v], rc);
        }
        free(t);
    }
    NOTE("%zu matches inside 100,000 divs; <ul><li>, <b>, <svg>, <table>, "
         "'<p', '<!--', '<script>' x 100,000 fine",
         nm_div);
    free(text);
}

static void case_one_line(void)
{
    static const char unit[] = "MLOps/Kubeflow-MLflow_feature.store&LLM,RAG;";
    size_t k = sizeof unit - 1, len = 10u * MB;
    char *text = xmalloc(len);
    for (size_t i = 0; i < len; i++)
        text[i] = unit[i % k];
    input_ready(len);
    int failed;
    size_t nm;
    jdc_track label;
    int rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "%d", rc);
    size_t nm1 = nm;
    rc = classify_checked(text, len, JDC_FLAG_NO_TITLE, 0, &nm, &label,
                          &failed);
    CHECK(rc == JDC_OK && !failed, "NO_TITLE: %d", rc);
    for (size_t i = 0; i < len; i++) /* one joined chain: a-b-c-d-... */
        text[i] = i % 2 ? '-' : (char)('a' + (i / 2) % 26);
    rc = classify_checked(text, len, 0, 0, &nm, &label, &failed);
    CHECK(rc == JDC_OK && !failed, "joined chain: %d", rc);
    NOTE("%zu matches (all in the title); joined 10 MB chain fine", nm1);
    free(text);
}

/* ---- model cases --------------------------------------------------------- */

static char model_dir[256];

static void rm_model_dir(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", model_dir);
    if (model_dir[0] && system(cmd) != 0)
        fprintf(stderr, "hostile: could not remove %s\n", model_dir);
}

static FILE *model_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", model_dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp) {
        perror(path);
        _exit(3);
    }
    return fp;
}

static size_t file_size(const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", model_dir, name);
    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

static void new_model_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(model_dir, sizeof model_dir, "%s/jdc-hostile-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(model_dir)) {
        perror("mkdtemp");
        _exit(3);
    }
    atexit(rm_model_dir);
    FILE *fp = model_file("model.conf");
    fputs("%format jdclass-model 1\nname = hostile\nversion = 1\n", fp);
    fclose(fp);
}

/* The generated term of line i: "qq" + 6 letters + "q", distinct for each
 * i < 26^6. The final 'q' ends no English suffix, so the stemmer leaves
 * every one as it is and no two can merge into one stem (which the loader
 * rightly refuses as a duplicate phrase). */
static void gen_term(char *out, size_t i)
{
    uint64_t v = (i * 2654435761ULL + 777) % 308915776ULL;
    out[0] = 'q';
    out[1] = 'q';
    for (int c = 0; c < 6; c++) {
        out[2 + c] = (char)('a' + v % 26);
        v /= 26;
    }
    out[8] = 'q';
    out[9] = '\0';
}

static void case_model_1m_lines(void)
{
    new_model_dir();
    FILE *fp = model_file("big.terms");
    fputs("%format jdclass-terms 1\n", fp);
    static const char *const tracks[] = {"mlops", "llmops", "ml", "shared",
                                         "other"};
    char t[16], a[16];
    for (size_t i = 0; i < 1000000 - 1; i++) {
        gen_term(t, i);
        if (i % 10 == 0) { /* a tenth are two-word phrases with an alias */
            gen_term(a, i + 5000000);
            fprintf(fp, "%s %s | %s | %s | gen | %zu | -\n", t, a, a,
                    tracks[i % 5], 1 + i % 9);
        } else {
            fprintf(fp, "%s | - | %s | gen | %zu.5 | %s\n", t, tracks[i % 5],
                    i % 9, i % 3 == 0 ? "literal" : "-");
        }
    }
    fclose(fp);
    size_t input = file_size("model.conf") + file_size("big.terms");
    input_ready(input);
    jdc_model *m = NULL;
    int rc = jdc_model_load(&m, model_dir);
    CHECK(rc == JDC_OK, "1,000,000-line model: %d %s", rc, jdc_error_last());
    size_t terms = jdc_model_term_count(m);
    CHECK(terms == 1000000 - 1, "%zu terms", terms);
    /* classify a posting made of some of the generated terms */
    char text[4096];
    size_t n = 0;
    for (size_t i = 1; i < 400; i += 3) {
        gen_term(t, i * 2477);
        n += (size_t)snprintf(text + n, sizeof text - n, "%s ", t);
    }
    jdc_result *r = NULL;
    rc = jdc_classify(&r, m, text, n, 0);
    CHECK(rc == JDC_OK && jdc_result_match_count(r) >= 100,
          "classify with it: %d, %zu matches", rc,
          rc ? 0 : jdc_result_match_count(r));
    char *js = jdc_result_json(r, NULL);
    CHECK(js && fuzz_json_valid(js, NULL), "json");
    NOTE("loaded, %zu terms; a posting of them: %zu matches", terms,
         jdc_result_match_count(r));
    jdc_free(js);
    jdc_result_free(r);
    jdc_model_free(m);
}

/* Write the model of a 1 MB-line variant; returns its size in bytes. */
static size_t write_1mb_variant(const char *var)
{
    char a[16];
    FILE *fp = model_file("x.terms");
    fputs("%format jdclass-terms 1\n"
          "MLflow | - | mlops | registry | 3 | literal\n", fp);
    if (!strcmp(var, "comment")) {
        fputc('#', fp);
        for (size_t i = 0; i < MB; i++)
            fputc('c', fp);
        fputc('\n', fp);
    } else if (!strcmp(var, "aliases")) {
        fputs("base term | ", fp);
        for (size_t i = 0, w = 0; w < MB; i++) {
            gen_term(a, i);
            w += (size_t)fprintf(fp, "%s%s", i ? "; " : "", a);
        }
        fputs(" | mlops | gen | 1 | -\n", fp);
    } else if (!strcmp(var, "canonical")) {
        for (size_t i = 0; i < MB / 2; i++)
            fputs("w ", fp);
        fputs("| - | mlops | gen | 1 | -\n", fp);
    } else if (!strcmp(var, "token")) {
        for (size_t i = 0; i < MB; i++)
            fputc('t', fp);
        fputs(" | - | mlops | gen | 1 | -\n", fp);
    }
    fclose(fp);
    fp = model_file("model.conf");
    fputs("%format jdclass-model 1\nversion = 1\nname = ", fp);
    if (!strcmp(var, "name"))
        for (size_t i = 0; i < MB; i++)
            fputc('n', fp);
    else
        fputs("hostile", fp);
    fputc('\n', fp);
    fclose(fp);
    fp = model_file("x.signals");
    fputs("%format jdclass-signals 1\n", fp);
    if (!strcmp(var, "signal")) {
        fputs("big | red | all | any {", fp);
        for (size_t i = 0, w = 0; w < MB; i++) {
            gen_term(a, i);
            w += (size_t)fprintf(fp, "%s%s", i ? "; " : "", a);
        }
        fputs("} | A big signal.\n", fp);
    }
    fclose(fp);
    return file_size("x.terms") + file_size("model.conf") +
           file_size("x.signals");
}

/* Model files with one 1 MB line, one variant after the other: a comment,
 * a term with 1 MB of aliases, a 1 MB canonical name of 500,000 words, a
 * 1 MB token, a 1 MB model name, a signal with 1 MB of phrases. Each loads
 * or is refused with "file:line: reason" (a short message). The memory
 * bound is checked against the largest variant (the files of a variant are
 * replaced by the next). */
static void case_model_1mb_line(void)
{
    static const char *const variants[] = {
        "comment", "aliases", "canonical", "token", "name", "signal",
    };
    new_model_dir();
    char out[sizeof cur->msg] = "";
    size_t on = 0, biggest = 0;
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
        const char *var = variants[v];
        size_t in = write_1mb_variant(var);
        if (in > biggest)
            biggest = in;
        if (v == 0)
            input_ready(in);
        jdc_model *m = NULL;
        int rc = jdc_model_load(&m, model_dir);
        const char *err = rc ? jdc_error_last() : "";
        CHECK(rc == JDC_OK || rc == JDC_EFORMAT, "%s: status %d (%s)", var,
              rc, err);
        CHECK(rc == JDC_OK || (m == NULL && err[0]), "%s: no message", var);
        CHECK(strlen(err) < 1024, "%s: a %zu-byte error message", var,
              strlen(err));
        if (rc == JDC_OK) {
            static const char post[] = "# MLflow engineer\nbase term, MLflow";
            jdc_result *r = NULL;
            CHECK(jdc_classify(&r, m, post, sizeof post - 1, 0) == JDC_OK,
                  "%s: classify", var);
            jdc_result_free(r);
        }
        jdc_model_free(m);
        int k = snprintf(out + on, sizeof out - on, "%s%s: %.80s",
                         v ? "; " : "", var, rc == JDC_OK ? "loads" : err);
        if (k > 0 && on + (size_t)k < sizeof out)
            on += (size_t)k;
    }
    cur->input = biggest;
    NOTE("%s", out);
}

/* ---- driver -------------------------------------------------------------- */

typedef struct hcase {
    const char *name;
    void (*fn)(void);
} hcase;

static const hcase cases[] = {
    {"empty", case_empty},
    {"limit-default", case_limit_default},
    {"limit-boundary", case_limit_boundary},
    {"text-100mb", case_text_100mb},
    {"token-10mb", case_token_10mb},
    {"invalid-utf8", case_invalid_utf8},
    {"nul-bytes", case_nul_bytes},
    {"repeat-1m", case_repeat_1m},
    {"dense-tokens", case_dense_tokens},
    {"dense-matches", case_dense_matches},
    {"distinct-1m", case_distinct_1m},
    {"html-nested-100k", case_html_nested},
    {"one-line", case_one_line},
    {"model-1m-lines", case_model_1m_lines},
    {"model-1mb-line", case_model_1mb_line},
};
#define NCASES (sizeof cases / sizeof cases[0])

static int run_case(const hcase *c)
{
    int fd[2];
    if (pipe(fd)) {
        perror("pipe");
        return 0;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 0;
    }
    if (pid == 0) {
        close(fd[0]);
        outcome o;
        memset(&o, 0, sizeof o);
        o.ok = 1;
        cur = &o;
        /* the built-in model and the stemmer are part of the baseline */
        if (!jdc_model_default()) {
            snprintf(o.msg, sizeof o.msg, "no default model: %s",
                     jdc_error_last());
            o.ok = 0;
        } else {
            jdc_result *r = NULL;
            if (jdc_classify(&r, jdc_model_default(), "warm up", 7, 0) ==
                JDC_OK)
                jdc_result_free(r);
            c->fn();
        }
        o.seconds = now() - t0;
        o.peak_kb = maxrss_kb();
        if (write(fd[1], &o, sizeof o) != (ssize_t)sizeof o)
            _exit(4);
        close(fd[1]);
        exit(0); /* atexit: remove temporary model directories */
    }
    close(fd[1]);
    outcome o;
    memset(&o, 0, sizeof o);
    size_t got = 0;
    while (got < sizeof o) {
        ssize_t k = read(fd[0], (char *)&o + got, sizeof o - got);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (got != sizeof o || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        if (WIFSIGNALED(st))
            printf("FAIL %-17s killed by signal %d\n", c->name, WTERMSIG(st));
        else
            printf("FAIL %-17s child exited with %d\n", c->name,
                   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return 0;
    }
    double growth = (double)(o.peak_kb - o.base_kb) * 1024.0;
    if (growth < 0)
        growth = 0;
    double bound = BOUND_PER_BYTE * (double)o.input + BOUND_CONST;
    int mem_ok = growth <= bound;
    double per = o.input ? growth / (double)o.input : 0;
    /* the first classification alone, before its JSON (when there was
     * one): how much of the peak is jdc_classify's */
    double cl = o.classify_kb > o.base_kb
                    ? (double)(o.classify_kb - o.base_kb) * 1024.0 : 0;
    printf("%s %-17s in %9.2f MB  peak +%8.1f MB = %6.1f B/B (classify "
           "alone %5.1f B/B; bound %8.1f MB) %7.2f s  %s\n",
           o.ok && mem_ok ? "ok  " : "FAIL", c->name, o.input / 1e6,
           growth / 1e6, per, o.input ? cl / (double)o.input : 0,
           bound / 1e6, o.seconds, o.msg);
    if (!mem_ok)
        printf("     %s: peak memory growth %.0f bytes exceeds the bound "
               "%.0f x %zu + %.0f\n",
               c->name, growth, BOUND_PER_BYTE, o.input, BOUND_CONST);
    fflush(stdout);
    return o.ok && mem_ok;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s EXAMPLES_DIR [CASE...]\n", argv[0]);
        return 2;
    }
    examples_dir = argv[1];
    load_examples();
    printf("memory bound: peak RSS growth <= %.0f x input + %.0f MiB%s\n",
           BOUND_PER_BYTE, BOUND_CONST / MB,
#ifdef HOSTILE_SANITIZED
           " (sanitizer build)"
#else
           ""
#endif
    );
    int failed = 0, ran = 0;
    for (size_t i = 0; i < NCASES; i++) {
        int want = argc == 2;
        for (int a = 2; a < argc; a++)
            if (!strcmp(argv[a], cases[i].name))
                want = 1;
        if (!want)
            continue;
        ran++;
        if (!run_case(&cases[i]))
            failed++;
    }
    if (!ran) {
        fprintf(stderr, "hostile: no such case\n");
        return 2;
    }
    printf("%d of %d cases passed\n", ran - failed, ran);
    return failed ? 1 : 0;
}
