/* jdclass: command-line front end. Uses only the public header. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
            "  -e, --explain      show how the score was built, term by term\n"
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

static int use_color;

static const char *col(const char *code) { return use_color ? code : ""; }

/* Print text[start, end) on one line: control characters and runs of
 * spaces become one space; cut at about `max` bytes on a UTF-8 boundary. */
static void print_snippet(const char *text, size_t len, size_t start,
                          size_t end, size_t max)
{
    if (end > len)
        end = len;
    size_t n = 0;
    int space = 0;
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f) {
            space = 1;
            continue;
        }
        if (c == ' ') {
            space = 1;
            continue;
        }
        if (n >= max && (c & 0xC0) != 0x80) {
            fputs("...", stdout);
            return;
        }
        if (space && n)
            putchar(' '), n++;
        space = 0;
        putchar(c);
        n++;
    }
}

static void print_text(const char *name, const jdc_result *r,
                       const char *text, size_t len, int explain)
{
    printf("%s%s%s\n", col("\033[1m"), name, col("\033[0m"));
    jdc_track label = jdc_result_label(r);
    printf("  label:  %s (score %.2f)\n", jdc_track_name(label),
           jdc_result_score(r));
    printf("  tracks: mlops %.2f  llmops %.2f\n",
           jdc_result_track_score(r, JDC_TRACK_MLOPS),
           jdc_result_track_score(r, JDC_TRACK_LLMOPS));
    size_t n = jdc_result_match_count(r);
    if (!n) {
        printf("  terms:  none\n");
    } else {
        /* group the distinct terms by layer, layers in order of first use */
        printf("  terms by layer:\n");
        char *done = calloc(n, 1);
        for (size_t i = 0; done && i < n; i++) {
            if (done[i])
                continue;
            const char *layer = jdc_result_match(r, i)->layer;
            printf("    %-14s ", layer);
            int first = 1;
            for (size_t j = i; j < n; j++) {
                const jdc_match *m = jdc_result_match(r, j);
                if (done[j] || strcmp(m->layer, layer))
                    continue;
                int count = 0;
                for (size_t k = j; k < n; k++) {
                    const jdc_match *o = jdc_result_match(r, k);
                    if (!done[k] && !strcmp(o->layer, layer) &&
                        !strcmp(o->term, m->term)) {
                        done[k] = 1;
                        count++;
                    }
                }
                printf("%s%s", first ? "" : ", ", m->term);
                if (count > 1)
                    printf(" (%d)", count);
                first = 0;
            }
            printf("\n");
        }
        free(done);
    }
    size_t ns = jdc_result_signal_count(r);
    for (size_t i = 0; i < ns; i++) {
        const jdc_signal *sg = jdc_result_signal(r, i);
        int green = !strcmp(sg->polarity, "green");
        if (i == 0)
            printf("  flags:\n");
        printf("    %s%-5s%s %s: %s\n", col(green ? "\033[32m" : "\033[31m"),
               sg->polarity, col("\033[0m"), sg->id, sg->message);
        if (sg->end > sg->start) {
            printf("          \"");
            print_snippet(text, len, sg->start, sg->end, 160);
            printf("\"\n");
        }
    }
    if (explain) {
        size_t nc = jdc_result_contribution_count(r);
        double total[5] = {0};
        static const char *tracks[] = {"mlops", "llmops", "ml", "shared",
                                       "other"};
        printf("  how the score was built (evidence = weight x (title factor"
               " if in the title)\n    + weight x section factor x (1 + ln "
               "occurrences)):\n");
        printf("    %-32s %-7s %6s %5s %5s %7s %8s\n", "term", "track",
               "weight", "title", "count", "section", "evidence");
        for (size_t i = 0; i < nc; i++) {
            const jdc_contribution *c = jdc_result_contribution(r, i);
            printf("    %-32.32s %-7s %6.2f %5s %5u %7.2f %8.2f\n", c->term,
                   c->track, c->weight, c->in_title ? "yes" : "-", c->count,
                   c->section_factor, c->evidence);
            for (int t = 0; t < 5; t++)
                if (!strcmp(c->track, tracks[t]))
                    total[t] += c->evidence;
        }
        printf("    evidence by track: mlops %.2f, llmops %.2f, ml %.2f, "
               "shared %.2f, other %.2f\n",
               total[0], total[1], total[2], total[3], total[4]);
    }
}

int main(int argc, char **argv)
{
    int json = 0, explain = 0;
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
        } else if (!strcmp(a, "-e") || !strcmp(a, "--explain")) {
            explain = 1;
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
    const char *no_color = getenv("NO_COLOR");
    use_color = !json && isatty(STDOUT_FILENO) && !(no_color && *no_color);

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
        if (rc) {
            fprintf(stderr, "%s: %s: %s\n", progname, name, jdc_error_last());
            free(data);
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
            print_text(is_stdin ? "(stdin)" : name, r, data, len, explain);
        }
        jdc_result_free(r);
        free(data);
    }
    jdc_model_free(loaded);
    free(files);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return status;
}
