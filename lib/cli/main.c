/* jdclass: command-line front end. Uses only the public header. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jdclass.h"

static const char *progname = "jdclass";

static void usage(FILE *fp)
{
    fprintf(fp,
            "Usage: %s [OPTIONS] [FILE...]\n"
            "Classify job postings into the role tracks mlops, llmops, hybrid "
            "or other.\n"
            "With no FILE, or when FILE is -, read standard input.\n"
            "\n"
            "Options:\n"
            "  -j, --json         one JSON object per input, one per line "
            "(JSON Lines)\n"
            "  -m, --model DIR    load the model from DIR instead of the "
            "built-in one\n"
            "  -V, --version      print the library and model versions and "
            "exit\n"
            "  -h, --help         print this help and exit\n"
            "\n"
            "Exit status: 0 when every input was classified, 1 when some "
            "input could not\n"
            "be read or classified (the others are still printed), 2 for a "
            "usage error.\n",
            progname);
}

/* Read a whole stream. Returns 0, or an errno value; EFBIG past `limit`. */
static int slurp(FILE *fp, size_t limit, char **data, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap > limit) {
                free(buf);
                return EFBIG;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return ENOMEM;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0) {
            if (ferror(fp)) {
                int e = errno ? errno : EIO;
                free(buf);
                return e;
            }
            break;
        }
    }
    if (n > limit) {
        free(buf);
        return EFBIG;
    }
    *data = buf;
    *len = n;
    return 0;
}

typedef struct group {
    const char *layer;
    const char *terms[64];
    int counts[64];
    int nterms;
} group;

static void print_text(const char *name, const jdc_result *r)
{
    printf("%s\n", name);
    jdc_track label = jdc_result_label(r);
    printf("  label:  %s (score %.2f)\n", jdc_track_name(label),
           jdc_result_score(r));
    printf("  tracks: mlops %.2f  llmops %.2f\n",
           jdc_result_track_score(r, JDC_TRACK_MLOPS),
           jdc_result_track_score(r, JDC_TRACK_LLMOPS));
    size_t n = jdc_result_match_count(r);
    if (!n) {
        printf("  terms:  none\n");
        return;
    }
    group groups[48];
    int ng = 0;
    for (size_t i = 0; i < n; i++) {
        const jdc_match *m = jdc_result_match(r, i);
        int g = 0;
        while (g < ng && strcmp(groups[g].layer, m->layer))
            g++;
        if (g == ng) {
            if (ng == (int)(sizeof groups / sizeof *groups))
                continue;
            groups[ng].layer = m->layer;
            groups[ng].nterms = 0;
            ng++;
        }
        group *gr = &groups[g];
        int t = 0;
        while (t < gr->nterms && strcmp(gr->terms[t], m->term))
            t++;
        if (t == gr->nterms) {
            if (t == 64)
                continue;
            gr->terms[t] = m->term;
            gr->counts[t] = 0;
            gr->nterms++;
        }
        gr->counts[t]++;
    }
    printf("  terms by layer:\n");
    for (int g = 0; g < ng; g++) {
        printf("    %-14s ", groups[g].layer);
        for (int t = 0; t < groups[g].nterms; t++) {
            printf("%s%s", t ? ", " : "", groups[g].terms[t]);
            if (groups[g].counts[t] > 1)
                printf(" (%d)", groups[g].counts[t]);
        }
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    int json = 0;
    const char *model_dir = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, only_files = 0;
    if (!files) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            files[nfiles++] = a;
        } else if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "-m") || !strcmp(a, "--model")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "%s: %s needs a directory\n", progname, a);
                usage(stderr);
                free(files);
                return 2;
            }
            model_dir = argv[++i];
        } else if (!strncmp(a, "--model=", 8)) {
            model_dir = a + 8;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            const jdc_model *m = jdc_model_default();
            printf("jdclass %s (model %s %s)\n", jdc_version(),
                   m ? jdc_model_name(m) : "?", m ? jdc_model_version(m) : "?");
            free(files);
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return 0;
        } else {
            fprintf(stderr, "%s: unknown option '%s'\n", progname, a);
            usage(stderr);
            free(files);
            return 2;
        }
    }
    if (nfiles == 0)
        files[nfiles++] = "-";

    jdc_model *loaded = NULL;
    const jdc_model *model;
    if (model_dir) {
        int rc = jdc_model_load(&loaded, model_dir);
        if (rc) {
            fprintf(stderr, "%s: cannot load model: %s\n", progname,
                    jdc_error_last());
            free(files);
            return 2;
        }
        model = loaded;
    } else {
        model = jdc_model_default();
        if (!model) {
            fprintf(stderr, "%s: %s\n", progname, jdc_error_last());
            free(files);
            return 1;
        }
    }

    int status = 0;
    for (int i = 0; i < nfiles; i++) {
        const char *name = files[i];
        int is_stdin = !strcmp(name, "-");
        FILE *fp = is_stdin ? stdin : fopen(name, "rb");
        if (!fp) {
            fprintf(stderr, "%s: %s: %s\n", progname, name, strerror(errno));
            status = 1;
            continue;
        }
        char *data = NULL;
        size_t len = 0;
        int e = slurp(fp, JDC_MAX_INPUT_DEFAULT, &data, &len);
        if (!is_stdin)
            fclose(fp);
        if (e) {
            if (e == EFBIG)
                fprintf(stderr, "%s: %s: larger than the limit of %zu bytes\n",
                        progname, name, (size_t)JDC_MAX_INPUT_DEFAULT);
            else
                fprintf(stderr, "%s: %s: %s\n", progname, name, strerror(e));
            status = 1;
            continue;
        }
        jdc_result *r = NULL;
        int rc = jdc_classify(&r, model, data, len, JDC_FLAG_DEFAULT);
        free(data);
        if (rc) {
            fprintf(stderr, "%s: %s: %s\n", progname, name, jdc_error_last());
            status = 1;
            continue;
        }
        if (json) {
            char *js = jdc_result_json(r, is_stdin ? "-" : name);
            if (!js) {
                fprintf(stderr, "%s: %s: out of memory\n", progname, name);
                status = 1;
            } else {
                puts(js);
                jdc_free(js);
            }
        } else {
            if (i)
                putchar('\n');
            print_text(is_stdin ? "(stdin)" : name, r);
        }
        jdc_result_free(r);
    }
    jdc_model_free(loaded);
    free(files);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return status;
}
