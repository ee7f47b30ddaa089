/* Allocation-failure injection: every allocation failure path of a model
 * load, a classification and a JSON rendering is taken once.
 *
 * Built only with -DJDCLASS_FAULT_INJECTION=ON (lib/fault.c; run it with
 * -DJDCLASS_SANITIZE=ON too, as .ci/run does, so that AddressSanitizer and
 * LeakSanitizer watch every failure path). Links jdclass_objects for the
 * hidden jdc__fi_* controls.
 *
 * For N = 0, 1, 2, ... the N-th allocation of one run fails, where a run is:
 *   jdc_thread_cleanup()                (the per-thread scratch is rebuilt)
 *   jdc_model_load(models/)             (~6,000 allocations)
 *   jdc_classify(an example posting)    (creates the scratch, stemmer, memo)
 *   jdc_result_json(result)
 *   jdc_classify(an HTML posting, JDC_FLAG_HTML)
 *   jdc_result_json(result)
 * until a run completes without reaching N. Every call that fails must
 * return JDC_ENOMEM (NULL for jdc_result_json) with *out NULL and a message
 * in jdc_error_last(); after the failure, the same calls without injection
 * must give exactly the reference JSON (nothing was left half-updated, e.g.
 * in the per-thread memo). Leaks are caught by LeakSanitizer at exit.
 *
 * Not injectable: allocations inside libstemmer (sb_stemmer_new and its
 * buffers) and the C library (fopen, opendir): they do not go through the
 * library's malloc. The library's own wrapper of the stemmer is: when its
 * calloc fails, the stemmer is reported unavailable (JDC_ESTEMMER) rather
 * than JDC_ENOMEM, because jdc__stemmer_new() returns NULL for both causes
 * (lib/stem.c); that one status is accepted here and listed in the report.
 *
 * Usage: faults MODEL_DIR POSTING HTML_POSTING [SHARD NSHARDS]
 * With SHARD/NSHARDS only the N with N % NSHARDS == SHARD are run (ctest
 * runs the shards in parallel). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jdclass.h>

/* hidden controls in lib/fault.c */
void jdc__fi_fail_at(long n);
long jdc__fi_count(void);
int jdc__fi_injected(void);

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(fp);
    if (!buf) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    *len = n;
    return buf;
}

static int failures;
static long n_estemmer;

#define FAIL(...)                                                             \
    do {                                                                      \
        fprintf(stderr, "faults: N=%ld: ", n);                                \
        fprintf(stderr, __VA_ARGS__);                                         \
        fputc('\n', stderr);                                                  \
        failures++;                                                           \
    } while (0)

typedef struct doc {
    const char *name;
    char *text;
    size_t len;
    unsigned flags;
    char *ref; /* reference JSON */
} doc;

/* A failed call: the status must be ENOMEM (ESTEMMER tolerated, see the
 * top), *out NULL, a message set, and the failure must be the injected
 * one. */
static void check_failure(long n, const char *what, int rc, const void *out)
{
    if (!jdc__fi_injected())
        FAIL("%s failed (%d: %s) without an injected failure", what, rc,
             jdc_error_last());
    if (rc == JDC_ESTEMMER) {
        n_estemmer++;
        fprintf(stderr, "faults: N=%ld: %s: JDC_ESTEMMER for an injected "
                        "allocation failure (tolerated, see the top)\n",
                n, what);
    }
    else if (rc != JDC_ENOMEM)
        FAIL("%s returned %d (%s), not JDC_ENOMEM", what, rc,
             jdc_error_last());
    if (out)
        FAIL("%s failed but *out is not NULL", what);
    if (!jdc_error_last()[0])
        FAIL("%s failed without a message", what);
}

/* One run with the n-th allocation failing (n < 0: none). Returns 1 when the
 * run completed without reaching n. With `ref`, stores the JSON as the
 * reference; else compares with it. */
static int run(long n, const char *model_dir, doc *docs, size_t ndocs,
               int ref)
{
    jdc_thread_cleanup();
    jdc__fi_fail_at(n);
    jdc_model *m = NULL;
    int rc = jdc_model_load(&m, model_dir);
    if (rc != JDC_OK) {
        check_failure(n, "jdc_model_load", rc, m);
        jdc__fi_fail_at(-1);
        return 0;
    }
    int done = 1;
    for (size_t i = 0; i < ndocs && done; i++) {
        doc *d = &docs[i];
        jdc_result *r = NULL;
        rc = jdc_classify(&r, m, d->text, d->len, d->flags);
        if (rc != JDC_OK) {
            check_failure(n, "jdc_classify", rc, r);
            done = 0;
            break;
        }
        char *js = jdc_result_json(r, d->name);
        if (!js) {
            if (!jdc__fi_injected())
                FAIL("jdc_result_json NULL without an injected failure");
            done = 0;
        } else if (ref) {
            d->ref = js;
            js = NULL;
        } else if (strcmp(js, d->ref)) {
            FAIL("%s: JSON differs from the reference after a failure "
                 "path:\n%s\n%s", d->name, js, d->ref);
        }
        jdc_free(js);
        jdc_result_free(r);
    }
    if (done && jdc__fi_injected())
        done = 0; /* reached n without a visible failure: keep going */
    jdc__fi_fail_at(-1);
    if (!done) {
        /* the library must work normally after any failure path, on the
         * same thread (scratch, memo) and with a model that did load */
        for (size_t i = 0; i < ndocs; i++) {
            doc *d = &docs[i];
            jdc_result *r = NULL;
            rc = jdc_classify(&r, m, d->text, d->len, d->flags);
            char *js = rc == JDC_OK ? jdc_result_json(r, d->name) : NULL;
            if (!js || strcmp(js, d->ref))
                FAIL("%s: classification after the failure path differs "
                     "(rc %d)", d->name, rc);
            jdc_free(js);
            jdc_result_free(r);
        }
    }
    jdc_model_free(m);
    return done;
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 6) {
        fprintf(stderr,
                "usage: %s MODEL_DIR POSTING HTML_POSTING [SHARD NSHARDS]\n",
                argv[0]);
        return 2;
    }
    long shard = 0, nshards = 1;
    if (argc == 6) {
        shard = atol(argv[4]);
        nshards = atol(argv[5]);
        if (nshards < 1 || shard < 0 || shard >= nshards) {
            fprintf(stderr, "bad shard %ld/%ld\n", shard, nshards);
            return 2;
        }
    }
    doc docs[2] = {{"posting.md", NULL, 0, JDC_FLAG_DEFAULT, NULL},
                   {"posting.html", NULL, 0, JDC_FLAG_HTML, NULL}};
    docs[0].text = slurp(argv[2], &docs[0].len);
    docs[1].text = slurp(argv[3], &docs[1].len);

    long n = -1;
    if (!run(-1, argv[1], docs, 2, 1) || failures) {
        fprintf(stderr, "faults: the run without injection failed: %s\n",
                jdc_error_last());
        return 1;
    }
    long runs = 0;
    for (n = shard;; n += nshards) {
        runs++;
        if (run(n, argv[1], docs, 2, 0))
            break;
        if (n > 10000000) {
            FAIL("no run completed");
            break;
        }
    }
    printf("faults: shard %ld/%ld: %ld runs: every allocation N < %ld with "
           "N %% %ld == %ld failed once (the run with N=%ld completed "
           "without reaching it); %ld failures reported JDC_ESTEMMER "
           "(stemmer wrapper allocation); %d problems\n",
           shard, nshards, runs, n, nshards, shard, n, n_estemmer, failures);
    for (size_t i = 0; i < 2; i++) {
        free(docs[i].text);
        jdc_free(docs[i].ref);
    }
    jdc_thread_cleanup();
    return failures ? 1 : 0;
}
