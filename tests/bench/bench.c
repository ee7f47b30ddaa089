/* Benchmark (not a test): classify a set of postings many times over on one
 * thread and print throughput (median over rounds), the model's memory and
 * whether memory grows with the number of postings classified.
 *
 * Usage: jdclass_bench [--rounds N] [--model DIR] FILE...
 * Prints one JSON line on stdout, a readable summary on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jdclass.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kb(void)
{
    FILE *fp = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (fp) {
        if (fscanf(fp, "%ld %ld", &pages, &res) != 2)
            res = 0;
        fclose(fp);
    }
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int rounds = 20;
    const char *model_dir = NULL;
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (!strcmp(argv[first], "--rounds") && first + 1 < argc)
            rounds = atoi(argv[first + 1]), first += 2;
        else if (!strcmp(argv[first], "--model") && first + 1 < argc)
            model_dir = argv[first + 1], first += 2;
        else {
            fprintf(stderr, "usage: %s [--rounds N] [--model DIR] FILE...\n",
                    argv[0]);
            return 2;
        }
    }
    int n = argc - first;
    if (n <= 0 || rounds <= 0) {
        fprintf(stderr, "usage: %s [--rounds N] [--model DIR] FILE...\n",
                argv[0]);
        return 2;
    }
    char **data = calloc((size_t)n, sizeof *data);
    size_t *len = calloc((size_t)n, sizeof *len);
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        FILE *fp = fopen(argv[first + i], "rb");
        if (!fp) {
            perror(argv[first + i]);
            return 1;
        }
        fseek(fp, 0, SEEK_END);
        long sz = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        data[i] = malloc((size_t)sz + 1);
        len[i] = fread(data[i], 1, (size_t)sz, fp);
        fclose(fp);
        total += len[i];
    }
    long rss0 = rss_kb();
    jdc_model *loaded = NULL;
    const jdc_model *model;
    if (model_dir) {
        if (jdc_model_load(&loaded, model_dir)) {
            fprintf(stderr, "%s\n", jdc_error_last());
            return 1;
        }
        model = loaded;
    } else {
        model = jdc_model_default();
    }
    if (!model) {
        fprintf(stderr, "%s\n", jdc_error_last());
        return 1;
    }
    long rss_model = rss_kb() - rss0;
    /* warm-up round (also creates the thread's scratch state) */
    for (int i = 0; i < n; i++) {
        jdc_result *r;
        if (jdc_classify(&r, model, data[i], len[i], 0)) {
            fprintf(stderr, "%s\n", jdc_error_last());
            return 1;
        }
        jdc_result_free(r);
    }
    long rss_warm = rss_kb();
    double *secs = calloc((size_t)rounds, sizeof *secs);
    size_t labels[4] = {0};
    for (int k = 0; k < rounds; k++) {
        double t0 = now();
        for (int i = 0; i < n; i++) {
            jdc_result *r;
            if (jdc_classify(&r, model, data[i], len[i], 0))
                return 1;
            labels[jdc_result_label(r) & 3]++;
            jdc_result_free(r);
        }
        secs[k] = now() - t0;
    }
    long rss_end = rss_kb();
    qsort(secs, (size_t)rounds, sizeof *secs, cmp_double);
    double med = secs[rounds / 2];
    double mbps = (double)total / med / 1e6;
    double pps = (double)n / med;
    printf("{\"impl\":\"jdclass\",\"bytes\":%zu,\"postings\":%d,\"rounds\":%d,"
           "\"seconds\":%.6f,\"mb_per_s\":%.2f,\"postings_per_s\":%.1f,"
           "\"model_rss_kb\":%ld,\"rss_growth_kb\":%ld}\n",
           total, n, rounds, med, mbps, pps, rss_model, rss_end - rss_warm);
    fprintf(stderr,
            "jdclass: %d postings, %.2f MB, %d rounds: median %.4f s/round = "
            "%.1f MB/s, %.0f postings/s (min %.4f s, max %.4f s)\n"
            "memory: model %ld KiB resident; growth over %zu "
            "classifications after warm-up: %ld KiB\n",
            n, (double)total / 1e6, rounds, med, mbps, pps, secs[0],
            secs[rounds - 1], rss_model, (size_t)rounds * (size_t)n,
            rss_end - rss_warm);
    jdc_model_free(loaded);
    for (int i = 0; i < n; i++)
        free(data[i]);
    free(data);
    free(len);
    free(secs);
    return 0;
}
