/* Fuzz harness: the model loader (jdc_model_load) and classification with
 * whatever model loads.
 *
 * Input: up to eight files separated by the line "=====" (the bytes
 * "\n=====\n"), written in this order into a private temporary directory:
 *     model.conf, a.terms, b.signals, c.cues, d.bands, z.terms, e.families,
 *     f.weights
 * A part that is missing (fewer separators) is not written, so inputs also
 * cover models without signals, cues or bands, and without any terms file.
 * Then jdc_model_load(dir). When it loads, a fixed posting and the input's
 * own terms part (which holds the model's phrases, so it matches) are
 * classified with it, the results checked (spans inside the text, scores in
 * [0, 1]) and rendered as JSON (validated). When it does not load, the
 * status must be one of the documented codes and jdc_error_last() must say
 * why. Nothing may crash or leak (LeakSanitizer runs at every input under
 * libFuzzer).
 *
 * Built as a libFuzzer target (JDCLASS_FUZZ=ON) and as a replay program
 * (replay.c) that ctest runs over tests/fuzz/corpus/model. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jdclass.h>

#include "fuzz_util.h"

static const char *const k_names[] = {"model.conf", "a.terms",    "b.signals",
                                      "c.cues",     "d.bands",    "z.terms",
                                      "e.families", "f.weights"};
#define NFILES (sizeof k_names / sizeof k_names[0])
static const char k_sep[] = "\n=====\n";

static const char k_text[] =
    "# Senior MLOps Engineer (LLM platform)\n"
    "London, hybrid. Permanent. \xc2\xa3" "95,000 - \xc2\xa3" "115,000 per "
    "annum.\n\n"
    "## About us\nWe are a fintech with a dedicated ML platform team.\n\n"
    "## What you'll do\n"
    "- Own our training pipelines on Kubeflow and the MLflow model "
    "registry.\n"
    "- Build RAG services with a vector database, guardrails and evals.\n"
    "- Monitor models for data drift; no feature store yet.\n\n"
    "## Requirements\n5+ years of Python, Kubernetes and Terraform. "
    "Not a research role.\n\n"
    "## Nice to have\nFeast, Ray, Triton, Go.\n\n"
    "## Benefits\nPension. Interviews never use an LLM.\n";

static char dir[256];

static void cleanup(void)
{
    char path[512];
    for (size_t i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, k_names[i]);
        unlink(path);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/jdc-fuzz-model-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz_model: mkdtemp");
        abort();
    }
    atexit(cleanup);
    return 0;
}

static void write_part(size_t i, const uint8_t *p, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, k_names[i]);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror("fuzz_model: open");
        abort();
    }
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) {
            perror("fuzz_model: write");
            abort();
        }
        p += w;
        n -= (size_t)w;
    }
    close(fd);
}

static const uint8_t *find_sep(const uint8_t *p, const uint8_t *end)
{
    size_t k = sizeof k_sep - 1;
    for (; (size_t)(end - p) >= k; p++)
        if (*p == '\n' && !memcmp(p, k_sep, k))
            return p;
    return NULL;
}

static void classify_with(const jdc_model *m, const char *text, size_t len)
{
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, m, text, len, JDC_FLAG_DEFAULT);
    FUZZ_CHECK(rc == JDC_OK && r, "classify with a loaded model: %d %s", rc,
               jdc_error_last());
    FUZZ_CHECK(fuzz_in(jdc_result_score(r), 0, 1), "score");
    FUZZ_CHECK(fuzz_in(jdc_result_track_score(r, JDC_TRACK_MLOPS), 0, 1) &&
                   fuzz_in(jdc_result_track_score(r, JDC_TRACK_LLMOPS), 0, 1),
               "track scores");
    for (size_t i = 0; i < jdc_result_match_count(r); i++) {
        const jdc_match *mt = jdc_result_match(r, i);
        FUZZ_CHECK(mt->term && mt->track && mt->layer && mt->section,
                   "match fields");
        FUZZ_CHECK(mt->start < mt->end && mt->end <= len, "match span");
        FUZZ_CHECK(isfinite(mt->weight), "weight");
    }
    for (size_t i = 0; i < jdc_result_signal_count(r); i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        FUZZ_CHECK(s->id && s->message && s->polarity, "signal fields");
        FUZZ_CHECK(s->start <= s->end && s->end <= len, "signal span");
    }
    for (size_t i = 0; i < jdc_result_contribution_count(r); i++) {
        const jdc_contribution *c = jdc_result_contribution(r, i);
        FUZZ_CHECK(isfinite(c->evidence), "evidence");
    }
    const jdc_market *mk = jdc_result_market(r);
    FUZZ_CHECK(mk && mk->verdict, "market");
    char *js = jdc_result_json(r, "fuzz");
    FUZZ_CHECK(js, "json NULL");
    size_t where = 0;
    FUZZ_CHECK(fuzz_json_valid(js, &where), "invalid JSON at %zu: %s", where,
               js);
    jdc_free(js);
    jdc_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        LLVMFuzzerInitialize(NULL, NULL);
    const uint8_t *p = data, *end = data + size;
    const uint8_t *terms = NULL;
    size_t terms_len = 0, i = 0;
    for (; i < NFILES && p; i++) {
        const uint8_t *s = find_sep(p, end);
        size_t n = s ? (size_t)(s - p) : (size_t)(end - p);
        write_part(i, p, n);
        if (i == 1) {
            terms = p;
            terms_len = n;
        }
        p = s ? s + sizeof k_sep - 1 : NULL;
    }
    for (; i < NFILES; i++) { /* parts not in this input */
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, k_names[i]);
        unlink(path);
    }

    jdc_model *m = (jdc_model *)1;
    int rc = jdc_model_load(&m, dir);
    if (rc != JDC_OK) {
        FUZZ_CHECK(m == NULL, "failed load left *out set");
        FUZZ_CHECK(rc == JDC_EFORMAT || rc == JDC_EIO || rc == JDC_ENOMEM,
                   "unexpected status %d", rc);
        FUZZ_CHECK(jdc_error_last()[0], "no error message for %d", rc);
        return 0;
    }
    FUZZ_CHECK(m, "loaded model is NULL");
    FUZZ_CHECK(jdc_model_name(m)[0] && jdc_model_version(m)[0],
               "name/version");
    (void)jdc_model_term_count(m);
    classify_with(m, k_text, sizeof k_text - 1);
    if (terms && terms_len <= 65536) {
        /* an exactly sized copy (the part is not NUL-terminated) */
        char *t = malloc(terms_len ? terms_len : 1);
        if (t) {
            memcpy(t, terms, terms_len);
            classify_with(m, t, terms_len);
            free(t);
        }
    }
    jdc_model_free(m);
    return 0;
}
