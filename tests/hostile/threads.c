/* Threads: four threads sharing one model give exactly the single-threaded
 * results.
 *
 * Inputs: the example postings (the *.md files of EXAMPLES_DIR), the fuzz
 * seeds of tests/fuzz/corpus/classify (first byte = flags, as the harness
 * reads them: plain text, HTML, invalid UTF-8...) and, when present, every
 * posting of the reference corpus (each file in CORPUS_DIR/postings); the
 * examples and postings are classified with JDC_FLAG_DEFAULT and with
 * JDC_FLAG_HTML_AUTO.
 *
 * Round 1, the built-in model: the four threads start together and all call
 * jdc_model_default() at once (its one-time build races), then classify
 * every input, each thread in a different order; the main thread then
 * classifies everything alone and every JSON must be identical.
 * Round 2, a model loaded with jdc_model_load(MODEL_DIR) and shared: the
 * same, the single-threaded reference first.
 * Each thread's scratch (stemmer, memo) is private and freed at thread exit;
 * .ci/run runs this test under ThreadSanitizer (-DJDCLASS_TSAN=ON).
 *
 * Usage: threads MODEL_DIR EXAMPLES_DIR SEEDS_DIR CORPUS_DIR
 * Exit 0 when everything agrees; 1 on a difference or failure; 77
 * ("skipped") when CORPUS_DIR has no postings/ (the examples and seeds are
 * still checked first: a difference there is a failure). */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jdclass.h>

#define NTHREADS 4

typedef struct input {
    char *name;
    char *text;
    size_t len;
    unsigned flags;
    char *ref;                /* single-threaded JSON */
    char *got[NTHREADS];      /* each thread's JSON */
} input;

static input *inputs;
static size_t ninputs, capinputs;

static void add_input(const char *name, const char *text, size_t len,
                      unsigned flags)
{
    if (ninputs == capinputs) {
        capinputs = capinputs ? capinputs * 2 : 256;
        inputs = realloc(inputs, capinputs * sizeof *inputs);
        if (!inputs) {
            fprintf(stderr, "threads: out of memory\n");
            exit(1);
        }
    }
    input *in = &inputs[ninputs++];
    memset(in, 0, sizeof *in);
    in->name = strdup(name);
    in->text = malloc(len ? len : 1);
    if (!in->name || !in->text) {
        fprintf(stderr, "threads: out of memory\n");
        exit(1);
    }
    memcpy(in->text, text, len);
    in->len = len;
    in->flags = flags;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every regular file of dir (in name order). seeds: the first byte is
 * the flags, as in the fuzz harness; else each file twice, with the default
 * flags and with JDC_FLAG_HTML_AUTO. suffix: only names ending so. Returns
 * the number of files, -1 when dir cannot be opened. */
static long add_dir(const char *dir, int seeds, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name), sl = suffix ? strlen(suffix) : 0;
        if (de->d_name[0] == '.' || l < sl ||
            (suffix && strcmp(de->d_name + l - sl, suffix)) ||
            !strcmp(de->d_name, "README.md"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                exit(1);
        }
        names[n++] = strdup(de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    long count = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        size_t len;
        char *text;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            (text = slurp(path, &len))) {
            if (seeds) {
                unsigned fl = len ? (unsigned char)text[0] & 7u : 0;
                add_input(path, len ? text + 1 : text, len ? len - 1 : 0, fl);
            } else {
                add_input(path, text, len, JDC_FLAG_DEFAULT);
                add_input(path, text, len, JDC_FLAG_HTML_AUTO);
            }
            free(text);
            count++;
        }
        free(names[i]);
    }
    free(names);
    return count;
}

static char *classify_json(const jdc_model *m, const input *in)
{
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, m, in->text, in->len, in->flags);
    if (rc != JDC_OK) {
        fprintf(stderr, "threads: %s: %s\n", in->name, jdc_error_last());
        return NULL;
    }
    char *js = jdc_result_json(r, in->name);
    jdc_result_free(r);
    return js;
}

typedef struct worker {
    int id;
    const jdc_model *model; /* NULL: jdc_model_default() inside the thread */
    pthread_barrier_t *start;
    int failed;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start);
    const jdc_model *m = w->model ? w->model : jdc_model_default();
    if (!m) {
        w->failed = 1;
        return NULL;
    }
    /* each thread its own order: start at a different offset, and odd
     * threads walk backwards */
    size_t off = (size_t)w->id * ninputs / NTHREADS;
    for (size_t k = 0; k < ninputs; k++) {
        size_t i = (off + k) % ninputs;
        if (w->id % 2)
            i = ninputs - 1 - i;
        input *in = &inputs[i];
        in->got[w->id] = classify_json(m, in);
        if (!in->got[w->id])
            w->failed = 1;
    }
    return NULL;
}

static int run_threads(const jdc_model *m)
{
    pthread_t t[NTHREADS];
    worker w[NTHREADS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        w[i] = (worker){i, m, &start, 0};
        if (pthread_create(&t[i], NULL, work, &w[i])) {
            fprintf(stderr, "threads: pthread_create failed\n");
            exit(1);
        }
    }
    int failed = 0;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
        failed |= w[i].failed;
    }
    pthread_barrier_destroy(&start);
    return failed;
}

static int reference(const jdc_model *m)
{
    for (size_t i = 0; i < ninputs; i++) {
        free(inputs[i].ref);
        inputs[i].ref = classify_json(m, &inputs[i]);
        if (!inputs[i].ref)
            return 1;
    }
    return 0;
}

static size_t compare(const char *round)
{
    size_t diffs = 0;
    for (size_t i = 0; i < ninputs; i++) {
        for (int t = 0; t < NTHREADS; t++) {
            const char *got = inputs[i].got[t];
            if (!got || strcmp(got, inputs[i].ref)) {
                if (diffs < 5)
                    fprintf(stderr,
                            "threads: %s: %s (flags %u), thread %d differs:\n"
                            "  single: %.300s\n  thread: %.300s\n",
                            round, inputs[i].name, inputs[i].flags, t,
                            inputs[i].ref, got ? got : "(failed)");
                diffs++;
            }
            jdc_free(inputs[i].got[t]);
            inputs[i].got[t] = NULL;
        }
    }
    return diffs;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s MODEL_DIR EXAMPLES_DIR SEEDS_DIR "
                        "CORPUS_DIR\n", argv[0]);
        return 2;
    }
    long nex = add_dir(argv[2], 0, ".md");
    long nseeds = add_dir(argv[3], 1, NULL);
    if (nex <= 0 || nseeds < 0) {
        fprintf(stderr, "threads: no examples in %s or no seeds in %s\n",
                argv[2], argv[3]);
        return 1;
    }
    char postings[4096];
    snprintf(postings, sizeof postings, "%s/postings", argv[4]);
    long ncorpus = add_dir(postings, 0, NULL);
    printf("threads: %ld examples, %ld seeds, %s; %zu inputs, %d threads\n",
           nex, nseeds,
           ncorpus >= 0 ? "the reference corpus" : "no reference corpus",
           ninputs, NTHREADS);
    if (ncorpus >= 0)
        printf("threads: %ld corpus postings\n", ncorpus);

    /* round 1: the built-in model, first used by the four threads at once */
    int failed = run_threads(NULL);
    const jdc_model *def = jdc_model_default();
    if (!def || reference(def))
        failed = 1;
    size_t d1 = failed ? 0 : compare("built-in model");

    /* round 2: a loaded model shared by the threads */
    jdc_model *m = NULL;
    size_t d2 = 0;
    if (jdc_model_load(&m, argv[1]) != JDC_OK) {
        fprintf(stderr, "threads: %s: %s\n", argv[1], jdc_error_last());
        failed = 1;
    } else if (reference(m) || run_threads(m)) {
        failed = 1;
    } else {
        d2 = compare("loaded model");
    }
    jdc_model_free(m);
    for (size_t i = 0; i < ninputs; i++) {
        free(inputs[i].name);
        free(inputs[i].text);
        jdc_free(inputs[i].ref);
        for (int t = 0; t < NTHREADS; t++)
            jdc_free(inputs[i].got[t]);
    }
    free(inputs);
    jdc_thread_cleanup();
    if (failed || d1 || d2) {
        printf("threads: FAILED (%zu + %zu results differ)\n", d1, d2);
        return 1;
    }
    printf("threads: %zu inputs x %d threads x 2 models: every result "
           "identical to the single-threaded one\n", ninputs, NTHREADS);
    if (ncorpus < 0) {
        printf("threads: skipped: the reference corpus %s is absent (only "
               "the examples and seeds were checked)\n", postings);
        return 77;
    }
    return 0;
}
