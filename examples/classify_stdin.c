/* classify_stdin: read a job posting on standard input and classify it with
 * jdclass's built-in model.
 *
 * Build against an installed jdclass:
 *     cc classify_stdin.c $(pkg-config --cflags --libs jdclass) -o classify_stdin
 * Run:
 *     ./classify_stdin < posting.md
 *
 * Prints the label, the score and the result as one line of JSON. Exit
 * status 0 on success, 1 on any error (message on standard error). */
#include <stdio.h>
#include <stdlib.h>

#include <jdclass.h>

/* Read all of `fp` into a malloc'ed buffer. Returns 0 or -1. */
static int read_all(FILE *fp, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    for (;;) {
        if (n == cap) {
            if (cap > JDC_MAX_INPUT_DEFAULT) /* jdc_classify would refuse it */
                break;
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return -1;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

int main(void)
{
    char *text = NULL;
    size_t len = 0;
    if (read_all(stdin, &text, &len)) {
        fprintf(stderr, "classify_stdin: cannot read standard input\n");
        return 1;
    }

    const jdc_model *model = jdc_model_default();
    if (!model) {
        fprintf(stderr, "classify_stdin: %s\n", jdc_error_last());
        free(text);
        return 1;
    }

    jdc_result *r = NULL;
    int rc = jdc_classify(&r, model, text, len, JDC_FLAG_DEFAULT);
    free(text);
    if (rc != JDC_OK) {
        fprintf(stderr, "classify_stdin: %s: %s\n", jdc_strerror(rc),
                jdc_error_last());
        return 1;
    }

    char *json = jdc_result_json(r, "-");
    if (!json) {
        fprintf(stderr, "classify_stdin: %s\n", jdc_error_last());
        jdc_result_free(r);
        return 1;
    }
    printf("label: %s\n", jdc_track_name(jdc_result_label(r)));
    printf("score: %.2f\n", jdc_result_score(r));
    printf("%s\n", json);
    jdc_free(json);
    jdc_result_free(r);
    return fflush(stdout) == 0 ? 0 : 1;
}
