/* jdclass: command-line front end. Uses only the public header. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "learn.h"
#include "jdclass.h"

static const char *progname = "jdclass";
const char *cli_progname = "jdclass";

static void usage(FILE *fp)
{
    fprintf(fp,
            "Usage: %s [OPTIONS] [FILE...]\n"
            "   or: jdclass train LABELS DIR... -o MODEL_DIR  (fit the weights; "
            "train --help)\n"
            "   or: jdclass eval LABELS DIR... [--html FILE]  (measure a model; "
            "eval --help)\n"
            "Classify job postings into the role tracks mlops, llmops, hybrid "
            "or other.\n"
            "With no FILE, or when FILE is -, read standard input.\n"
            "\n"
            "Options:\n"
            "  -j, --json         one JSON object per input, one per line "
            "(JSON Lines)\n"
            "  -f, --format FMT   text (default), json, csv or tsv (csv/tsv: "
            "a header, then\n"
            "                     one row per input)\n"
            "  -s, --summary      at the end, counts per label, seniority and "
            "market verdict\n"
            "                     (on stdout for text, on stderr otherwise)\n"
            "  -m, --model DIR    load the model from DIR instead of the "
            "built-in one\n"
            "  -e, --explain      show how the label was decided: terms, "
            "features and\n"
            "                     their contributions (with --json: "
            "\"contributions\")\n"
            "      --html         the inputs are HTML (default: detect obvious "
            "HTML)\n"
            "      --no-html      never treat the inputs as HTML\n"
            "  -r, --recursive    classify the files under directories: text, "
            "Markdown and\n"
            "                     HTML files (by extension; no extension: by "
            "content)\n"
            "      --include GLOB with -r, read the files whose name matches "
            "GLOB instead\n"
            "      --exclude GLOB with -r, skip files and directories "
            "matching GLOB\n"
            "  -t, --threads N    classify on N threads (default: the number "
            "of cores);\n"
            "                     output stays in input order\n"
            "      --max-input N  largest input in bytes (suffix K, M, G; "
            "default 64M)\n"
            "      --color[=WHEN] colour the readable output: auto (default: "
            "a terminal,\n"
            "                     not TERM=dumb, no NO_COLOR), always, never\n"
            "  -V, --version      print the library and model versions and "
            "exit\n"
            "  -h, --help         print this help and exit\n"
            "\n"
            "Short options combine (-je, -t2); long ones take --opt=VALUE.\n"
            "Exit status: 0 when every input was classified, 1 when some "
            "input could not\n"
            "be read or classified (the others are still printed), 2 for a "
            "usage error.\n",
            progname);
}

/* Read a whole stream. Returns 0, or an errno value; EFBIG past `limit`. */
/* Read a whole input of at most `limit` bytes. A regular file larger than
 * the limit is refused by its size (fstat) before anything is read; any
 * other input (standard input, a pipe, a device such as /dev/zero) is read
 * until its end or until limit + 1 bytes, never further, into a buffer that
 * never grows past limit + 1 bytes. Returns 0, EFBIG (larger than the
 * limit), ENOMEM or the read error's errno. */
static int slurp(FILE *fp, size_t limit, char **data, size_t *len)
{
    size_t want = limit < SIZE_MAX - 1 ? limit + 1 : limit; /* to see EOF */
    size_t cap = 65536;
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
        if (st.st_size > 0 && (uintmax_t)st.st_size > limit)
            return EFBIG;
        if ((size_t)st.st_size + 1 > cap) /* room to see the end */
            cap = (size_t)st.st_size + 1;
    }
    if (cap > want)
        cap = want;
    size_t n = 0;
    char *buf = malloc(cap ? cap : 1);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap >= want)
                break; /* limit + 1 bytes read: too large */
            size_t ncap = cap <= want / 2 ? cap * 2 : want;
            char *p = realloc(buf, ncap);
            if (!p) {
                free(buf);
                return ENOMEM;
            }
            buf = p;
            cap = ncap;
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

/* Write a file name (or a message that holds one) so that it cannot break
 * a line or drive the terminal: control characters (C0, DEL and the UTF-8
 * encoded C1 range) become C escapes (\n, \t, \r, \xHH) and a backslash
 * becomes \\. Other bytes, UTF-8 included, are written as they are. */
static void put_name(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        if (c == '\\')
            fputs("\\\\", f);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\x%02X", c);
        else if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fprintf(f, "\\x%02X\\x%02X", c, p[1]);
            p++;
        } else
            putc((int)c, f);
    }
}

/* "jdclass: NAME: message\n" on f, with NAME escaped by put_name(). */
static void report(FILE *f, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(FILE *f, const char *name, const char *fmt, ...)
{
    fprintf(f, "%s: ", progname);
    put_name(f, name);
    fputs(": ", f);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    putc('\n', f);
}

static int use_color;

static const char *col(const char *code) { return use_color ? code : ""; }

/* Print text[start, end) on one line: control characters and runs of
 * spaces become one space; cut at about `max` bytes on a UTF-8 boundary. */
static void print_snippet(FILE *out, const char *text, size_t len, size_t start,
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
            fputs("...", out);
            return;
        }
        if (space && n)
            putc(' ', out), n++;
        space = 0;
        putc(c, out);
        n++;
    }
}

static void print_money(FILE *out, double x)
{
    if (isnan(x)) {
        fputs("?", out);
        return;
    }
    /* thousands separators, no decimals for whole amounts */
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", x);
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            putc(',', out);
        putc(digits[i], out);
    }
    if (x != floor(x))
        fprintf(out, ".%02d", (int)((x - floor(x)) * 100 + 0.5));
}

/* One or two lines: seniority and pay; work terms and the market verdict. */
static void print_pay(FILE *out, const jdc_result *r, const char *text,
                      size_t len)
{
    size_t ss, se;
    const char *level = jdc_result_seniority(r, &ss, &se);
    fprintf(out, "  level:  %s", level);
    if (se > ss) {
        fputs(" (\"", out);
        print_snippet(out, text, len, ss, se, 40);
        fputs("\")", out);
    }
    const jdc_salary *sl = jdc_result_salary(r, 0);
    if (sl) {
        fprintf(out, "   pay: %s ", sl->currency[0] ? sl->currency : "?");
        if (isnan(sl->min)) {
            fputs("up to ", out);
            print_money(out, sl->max);
        } else {
            print_money(out, sl->min);
            if (sl->max != sl->min) {
                putc('-', out);
                print_money(out, sl->max);
            }
        }
        if (sl->period)
            fprintf(out, " per %s", sl->period);
        size_t more = jdc_result_salary_count(r) - 1;
        if (more)
            fprintf(out, " (+%zu more range%s)", more, more > 1 ? "s" : "");
    } else {
        fputs("   pay: not stated", out);
    }
    putc('\n', out);
    const jdc_terms *t = jdc_result_terms(r);
    const jdc_market *mk = jdc_result_market(r);
    const char *parts[4] = {t->employment, t->ir35 ? (strcmp(t->ir35, "inside")
                                                          ? "outside IR35"
                                                          : "inside IR35")
                                                   : NULL,
                            t->workmode, t->city};
    fputs("  work:   ", out);
    int any = 0;
    for (int i = 0; i < 4; i++)
        if (parts[i]) {
            fprintf(out, "%s%s", any ? ", " : "", parts[i]);
            any = 1;
        }
    if (!any)
        fputs("terms not stated", out);
    if (!strcmp(mk->verdict, "unknown")) {
        fprintf(out, "   market: no comparison (%s)\n",
                mk->missing ? mk->missing : "unknown");
    } else {
        fprintf(out, "   market: %s the band GBP ", mk->verdict);
        print_money(out, mk->band_min);
        putc('-', out);
        print_money(out, mk->band_max);
        fprintf(out, " (%s)\n", mk->source ? mk->source : "?");
    }
}

/* The learned decision: probabilities, and the features that moved the
 * label's logit most, with what each gave every class. */
static void print_decision(FILE *out, const jdc_result *r)
{
    size_t n = jdc_result_feature_count(r);
    if (!n)
        return;
    static const jdc_track order[4] = {JDC_TRACK_MLOPS, JDC_TRACK_LLMOPS,
                                       JDC_TRACK_HYBRID, JDC_TRACK_OTHER};
    fprintf(out, "  decision (learned): probabilities");
    for (int k = 0; k < 4; k++)
        fprintf(out, " %s %.2f", jdc_track_name(order[k]),
                jdc_result_probability(r, order[k]));
    fputc('\n', out);
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx)
        return;
    jdc_result_feature_order(r, idx);
    fprintf(out, "    %-28s %8s %8s %8s %8s %8s\n", "feature (largest first)",
            "value", "mlops", "llmops", "hybrid", "other");
    for (size_t i = 0; i < n && i < 15; i++) {
        const jdc_feature *f = jdc_result_feature(r, idx[i]);
        if (f->contribution[jdc_result_label(r)] == 0)
            break;
        fprintf(out, "    %-28.28s %8.3f", f->name, f->value);
        for (int k = 0; k < 4; k++)
            fprintf(out, " %+8.3f", f->contribution[order[k]]);
        fputc('\n', out);
    }
    free(idx);
}

static void print_text(FILE *out, const char *name, const jdc_result *r,
                       const char *text, size_t len, int explain)
{
    fputs(col("\033[1m"), out);
    put_name(out, name);
    fprintf(out, "%s\n", col("\033[0m"));
    jdc_track label = jdc_result_label(r);
    fprintf(out, "  label:  %s (score %.2f)\n", jdc_track_name(label),
           jdc_result_score(r));
    fprintf(out, "  tracks: mlops %.2f  llmops %.2f\n",
           jdc_result_track_score(r, JDC_TRACK_MLOPS),
           jdc_result_track_score(r, JDC_TRACK_LLMOPS));
    print_pay(out, r, text, len);
    size_t n = jdc_result_match_count(r);
    if (!n) {
        fprintf(out, "  terms:  none\n");
    } else {
        /* group the distinct terms by layer, layers in order of first use */
        fprintf(out, "  terms by layer:\n");
        char *done = calloc(n, 1);
        for (size_t i = 0; done && i < n; i++) {
            if (done[i])
                continue;
            const char *layer = jdc_result_match(r, i)->layer;
            fprintf(out, "    %-14s ", layer);
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
                fprintf(out, "%s%s", first ? "" : ", ", m->term);
                if (count > 1)
                    fprintf(out, " (%d)", count);
                first = 0;
            }
            fprintf(out, "\n");
        }
        free(done);
    }
    size_t ns = jdc_result_signal_count(r);
    for (size_t i = 0; i < ns; i++) {
        const jdc_signal *sg = jdc_result_signal(r, i);
        int green = !strcmp(sg->polarity, "green");
        if (i == 0)
            fprintf(out, "  flags:\n");
        fprintf(out, "    %s%-5s%s %s: %s\n", col(green ? "\033[32m" : "\033[31m"),
               sg->polarity, col("\033[0m"), sg->id, sg->message);
        if (sg->end > sg->start) {
            fprintf(out, "          \"");
            print_snippet(out, text, len, sg->start, sg->end, 160);
            fprintf(out, "\"\n");
        }
    }
    if (explain) {
        size_t nc = jdc_result_contribution_count(r);
        double total[5] = {0};
        static const char *tracks[] = {"mlops", "llmops", "ml", "shared",
                                       "other"};
        fprintf(out, "  how the evidence was built, largest first (evidence = "
               "weight x title factor\n    if in the title + weight x section "
               "factor x (1 + ln body occurrences);\n    count: every "
               "occurrence, title included, as in the term list above):\n");
        fprintf(out, "    %-32s %-7s %6s %5s %5s %7s %8s\n", "term", "track",
               "weight", "title", "count", "section", "evidence");
        size_t *ord = malloc((nc ? nc : 1) * sizeof *ord);
        for (size_t i = 0; ord && i < nc; i++) { /* stable, by evidence */
            size_t k = i;
            double e = jdc_result_contribution(r, i)->evidence;
            while (k > 0 && jdc_result_contribution(r, ord[k - 1])->evidence < e) {
                ord[k] = ord[k - 1];
                k--;
            }
            ord[k] = i;
        }
        for (size_t i = 0; i < nc; i++) {
            const jdc_contribution *c =
                jdc_result_contribution(r, ord ? ord[i] : i);
            unsigned all = c->count; /* add its occurrences in the title */
            for (size_t k = 0; c->in_title && k < jdc_result_match_count(r); k++) {
                const jdc_match *m = jdc_result_match(r, k);
                all += m->in_title && !m->negated && !strcmp(m->term, c->term);
            }
            fprintf(out, "    %-32.32s %-7s %6.2f %5s %5u %7.2f %8.2f\n", c->term,
                   c->track, c->weight, c->in_title ? "yes" : "-", all,
                   c->section_factor, c->evidence);
            for (int t = 0; t < 5; t++)
                if (!strcmp(c->track, tracks[t]))
                    total[t] += c->evidence;
        }
        free(ord);
        fprintf(out, "    evidence by track: mlops %.2f, llmops %.2f, ml %.2f, "
               "shared %.2f, other %.2f\n",
               total[0], total[1], total[2], total[3], total[4]);
        print_decision(out, r);
    }
}

/* ---- inputs ------------------------------------------------------------ */

typedef struct job {
    char *name;      /* as given, or the path found under a directory */
    char *out;       /* rendered output */
    size_t outlen;
    char *json;      /* --json: the library's JSON line itself (no copy) */
    char *err;       /* messages for stderr */
    size_t errlen;
    int status;      /* 0 classified, 1 not */
    int done;
    unsigned char key[3]; /* label, seniority, verdict (for --summary) */
} job;

typedef struct opts {
    int json, explain, html;
    int format;      /* FORMAT_TEXT, _JSON, _CSV, _TSV (json iff FORMAT_JSON) */
    int summary;
    size_t max_input;
    const jdc_model *model;
} opts;

typedef struct jobs {
    job *v;
    size_t n, cap;
} jobs;

static int add_job(jobs *js, const char *name)
{
    if (js->n == js->cap) {
        size_t cap = js->cap ? js->cap * 2 : 64;
        job *v = realloc(js->v, cap * sizeof *v);
        if (!v)
            return -1;
        js->v = v;
        js->cap = cap;
    }
    job *j = &js->v[js->n];
    memset(j, 0, sizeof *j);
    j->name = strdup(name);
    if (!j->name)
        return -1;
    js->n++;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the regular files under dir that wf wants (walk.c), in name order,
 * recursively; symbolic links to directories are not followed (no loops).
 * Hidden entries are skipped. Returns 0, or -1 with a message printed. */
static int add_dir(jobs *js, const char *dir, int depth, walk_filter *wf)
{
    if (depth > 64) {
        report(stderr, dir, "directories nested too deeply");
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        report(stderr, dir, "%s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) {
                rc = -1;
                break;
            }
            names = v;
        }
        size_t l = strlen(dir) + strlen(de->d_name) + 2;
        names[n] = malloc(l);
        if (!names[n]) {
            rc = -1;
            break;
        }
        snprintf(names[n], l, "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (rc == 0 && lstat(names[i], &st) == 0) {
            const char *base = names[i] + strlen(dir) + 1;
            if (S_ISDIR(st.st_mode)) {
                if (walk_wants_dir(wf, names[i], base))
                    rc = add_dir(js, names[i], depth + 1, wf) ? -1 : 0;
            } else if (S_ISREG(st.st_mode)) {
                if (walk_wants_file(wf, names[i], base))
                    rc = add_job(js, names[i]);
            }
        }
        free(names[i]);
    }
    free(names);
    if (rc)
        report(stderr, dir, "out of memory or unreadable");
    return rc;
}

/* ---- one input ----------------------------------------------------------- */

static void run_job(job *j, const opts *o, int index)
{
    FILE *out = open_memstream(&j->out, &j->outlen);
    FILE *err = open_memstream(&j->err, &j->errlen);
    if (!out || !err) {
        if (out)
            fclose(out);
        if (err)
            fclose(err);
        j->status = 1;
        return;
    }
    int is_stdin = !strcmp(j->name, "-");
    FILE *fp = is_stdin ? stdin : fopen(j->name, "rb");
    char *data = NULL;
    size_t len = 0;
    int e = 0;
    if (!fp) {
        e = errno;
    } else {
        struct stat st;
        if (!is_stdin && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode))
            e = EISDIR;
        else
            e = slurp(fp, o->max_input, &data, &len);
        if (!is_stdin)
            fclose(fp);
    }
    if (e) {
        if (e == EFBIG)
            report(err, j->name, "larger than the limit of %zu bytes",
                   o->max_input);
        else if (e == EISDIR)
            report(err, j->name, "is a directory (use -r to classify the "
                                 "files in it)");
        else
            report(err, j->name, "%s", strerror(e));
        j->status = 1;
    } else {
        unsigned flags = o->html == 1   ? JDC_FLAG_HTML
                         : o->html == 0 ? JDC_FLAG_HTML_AUTO
                                        : JDC_FLAG_DEFAULT;
        jdc_result *r = NULL;
        int rc = jdc_classify_ex(&r, o->model, data, len, flags, o->max_input);
        if (rc) {
            report(err, j->name, "%s", jdc_error_last());
            j->status = 1;
        } else if (o->format == FORMAT_CSV || o->format == FORMAT_TSV) {
            csv_row(out, o->format, j->name, r);
        } else if (o->json) {
            char *js = jdc_result_json_ex(r, is_stdin ? "-" : j->name,
                                          o->explain ? JDC_JSON_EXPLAIN : 0);
            if (!js) {
                report(err, j->name, "out of memory");
                j->status = 1;
            } else {
                j->json = js; /* printed by flush_job(), not copied */
            }
        } else {
            if (index)
                putc('\n', out);
            print_text(out, j->name, r, data, len, o->explain);
        }
        if (!rc)
            summary_keys(r, j->key);
        jdc_result_free(r);
        free(data);
    }
    fclose(out);
    fclose(err);
}

/* ---- running many inputs on several threads -------------------------------- */

typedef struct pool {
    jobs *js;
    const opts *o;
    size_t next;      /* next job to take */
    size_t printed;   /* jobs written out so far */
    size_t window;    /* how far workers may run ahead of the printer */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->js->n && p->next >= p->printed + p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        size_t i = p->next;
        if (i < p->js->n)
            p->next++;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->js->n)
            break;
        run_job(&p->js->v[i], p->o, (int)i);
        pthread_mutex_lock(&p->mu);
        p->js->v[i].done = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    jdc_thread_cleanup();
    return NULL;
}

/* Write a job's output in order: the progress bar is erased first, so that
 * results never share a line with it, and stdout is flushed before the bar
 * is drawn again (both may be the same terminal). */
static int flush_job(job *j, progress *pg, summary *sum)
{
    int status = j->status;
    if (j->outlen || j->errlen || j->json)
        progress_clear(pg);
    if (j->outlen)
        fwrite(j->out, 1, j->outlen, stdout);
    if (j->json) {
        fputs(j->json, stdout);
        putc('\n', stdout);
        jdc_free(j->json);
        j->json = NULL;
    }
    if ((j->outlen || j->json) && pg->enabled)
        fflush(stdout);
    if (j->errlen) {
        fflush(stdout);
        fwrite(j->err, 1, j->errlen, stderr);
    }
    if (status)
        sum->failed++;
    else
        summary_add(sum, j->key);
    free(j->out);
    free(j->err);
    j->out = j->err = NULL;
    return status;
}

static int run_all(jobs *js, const opts *o, int nthreads, summary *sum)
{
    int status = 0;
    progress pg;
    progress_init(&pg, isatty(STDERR_FILENO) && js->n >= 50, js->n);
    if (nthreads <= 1 || js->n <= 1) {
        for (size_t i = 0; i < js->n; i++) {
            run_job(&js->v[i], o, (int)i);
            status |= flush_job(&js->v[i], &pg, sum);
            progress_show(&pg, i + 1);
        }
        return status;
    }
    pool p;
    memset(&p, 0, sizeof p);
    p.js = js;
    p.o = o;
    p.window = (size_t)nthreads * 8;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    pthread_t *tid = calloc((size_t)nthreads, sizeof *tid);
    int started = 0;
    for (int t = 0; tid && t < nthreads; t++)
        if (pthread_create(&tid[t], NULL, worker, &p) == 0)
            started++;
    if (!started) { /* no threads: do it here */
        free(tid);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.cv);
        return run_all(js, o, 1, sum);
    }
    for (size_t i = 0; i < js->n; i++) {
        pthread_mutex_lock(&p.mu);
        while (!js->v[i].done)
            pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        status |= flush_job(&js->v[i], &pg, sum);
        pthread_mutex_lock(&p.mu);
        p.printed = i + 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        progress_show(&pg, i + 1);
    }
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    return status;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    if (*end == 'k' || *end == 'K')
        v *= 1024ULL, end++;
    else if (*end == 'M')
        v *= 1024ULL * 1024, end++;
    else if (*end == 'G')
        v *= 1024ULL * 1024 * 1024, end++;
    if (*end || v == 0 || v > (unsigned long long)SIZE_MAX)
        return -1;
    *out = (size_t)v;
    return 0;
}

enum {
    OPT_JSON = 1, OPT_FORMAT, OPT_SUMMARY, OPT_MODEL, OPT_EXPLAIN, OPT_HTML,
    OPT_NO_HTML, OPT_RECURSIVE, OPT_INCLUDE, OPT_EXCLUDE, OPT_THREADS,
    OPT_MAX_INPUT, OPT_COLOR, OPT_VERSION, OPT_HELP
};

static const cli_option classify_options[] = {
    {"json", 'j', CLI_NO_ARG, OPT_JSON},
    {"format", 'f', CLI_REQUIRED_ARG, OPT_FORMAT},
    {"summary", 's', CLI_NO_ARG, OPT_SUMMARY},
    {"model", 'm', CLI_REQUIRED_ARG, OPT_MODEL},
    {"explain", 'e', CLI_NO_ARG, OPT_EXPLAIN},
    {"html", 0, CLI_NO_ARG, OPT_HTML},
    {"no-html", 0, CLI_NO_ARG, OPT_NO_HTML},
    {"recursive", 'r', CLI_NO_ARG, OPT_RECURSIVE},
    {"include", 0, CLI_REQUIRED_ARG, OPT_INCLUDE},
    {"exclude", 0, CLI_REQUIRED_ARG, OPT_EXCLUDE},
    {"threads", 't', CLI_REQUIRED_ARG, OPT_THREADS},
    {"max-input", 0, CLI_REQUIRED_ARG, OPT_MAX_INPUT},
    {"color", 0, CLI_OPTIONAL_ARG, OPT_COLOR},
    {"colour", 0, CLI_OPTIONAL_ARG, OPT_COLOR},
    {"version", 'V', CLI_NO_ARG, OPT_VERSION},
    {"help", 'h', CLI_NO_ARG, OPT_HELP},
    {NULL, 0, 0, 0}};

/* --color=WHEN: 1 always, 0 never, -1 auto; -2 for a bad value. */
static int parse_color(const char *v)
{
    if (!v || !strcmp(v, "always") || !strcmp(v, "yes") ||
        !strcmp(v, "force"))
        return 1;
    if (!strcmp(v, "never") || !strcmp(v, "no") || !strcmp(v, "none"))
        return 0;
    if (!strcmp(v, "auto") || !strcmp(v, "tty") || !strcmp(v, "if-tty"))
        return -1;
    return -2;
}

static int parse_format(const char *v)
{
    static const char *const names[] = {"text", "json", "csv", "tsv"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(v, names[i]))
            return i;
    return -1;
}

/* Classify the inputs: `jdclass [OPTIONS] [FILE...]`. */
static int classify_main(int argc, char **argv)
{
    opts o;
    memset(&o, 0, sizeof o);
    o.max_input = JDC_MAX_INPUT_DEFAULT;
    const char *model_dir = NULL;
    int recursive = 0, color = -1;
    long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
    if (nthreads < 1)
        nthreads = 1;
    /* operands and globs: at most argc of each */
    const char **args = calloc((size_t)argc + 1, sizeof *args);
    const char **include = calloc((size_t)argc + 1, sizeof *include);
    const char **exclude = calloc((size_t)argc + 1, sizeof *exclude);
    int nargs = 0, ninclude = 0, nexclude = 0, status = 0;
    jdc_model *loaded = NULL;
    jobs js = {0};
    if (!args || !include || !exclude) {
        fprintf(stderr, "%s: out of memory\n", progname);
        status = 1;
        goto done;
    }
    cli_parser p;
    cli_parser_init(&p, argc, argv, 1, classify_options);
    const char *v;
    int id;
    while ((id = cli_next(&p, &v)) != CLI_END) {
        char *end;
        switch (id) {
        case CLI_ERROR:
            status = 2;
            goto done;
        case CLI_OPERAND:
            args[nargs++] = v;
            break;
        case OPT_JSON:
            o.format = FORMAT_JSON;
            break;
        case OPT_FORMAT:
            if ((o.format = parse_format(v)) < 0) {
                status = cli_usage_error("--format needs text, json, csv or "
                                         "tsv, not '%s'", v);
                goto done;
            }
            break;
        case OPT_SUMMARY:
            o.summary = 1;
            break;
        case OPT_EXPLAIN:
            o.explain = 1;
            break;
        case OPT_HTML:
            o.html = 1;
            break;
        case OPT_NO_HTML:
            o.html = -1;
            break;
        case OPT_RECURSIVE:
            recursive = 1;
            break;
        case OPT_INCLUDE:
            include[ninclude++] = v;
            break;
        case OPT_EXCLUDE:
            exclude[nexclude++] = v;
            break;
        case OPT_THREADS:
            errno = 0;
            nthreads = strtol(v, &end, 10);
            if (errno || end == v || *end || nthreads < 1 || nthreads > 1024) {
                status = cli_usage_error("--threads needs a number from 1 "
                                         "to 1024");
                goto done;
            }
            break;
        case OPT_MAX_INPUT:
            if (parse_size(v, &o.max_input)) {
                status = cli_usage_error("--max-input needs a size in bytes "
                                         "(suffix K, M or G allowed)");
                goto done;
            }
            break;
        case OPT_COLOR:
            if ((color = parse_color(v)) == -2) {
                status = cli_usage_error("--color needs auto, always or "
                                         "never, not '%s'", v);
                goto done;
            }
            break;
        case OPT_MODEL:
            model_dir = v;
            break;
        case OPT_VERSION: {
            const jdc_model *m = jdc_model_default();
            printf("jdclass %s (model %s %s)\n", jdc_version(),
                   m ? jdc_model_name(m) : "?", m ? jdc_model_version(m) : "?");
            goto done;
        }
        case OPT_HELP:
            usage(stdout);
            goto done;
        }
    }
    if (nargs == 0)
        args[nargs++] = "-";
    o.json = o.format == FORMAT_JSON;
    if (color == -1) {
        const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
        color = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
                !(term && !strcmp(term, "dumb"));
    }
    use_color = o.format == FORMAT_TEXT && color;

    if (model_dir) {
        if (jdc_model_load(&loaded, model_dir)) {
            /* the message names the model's directory or file */
            fprintf(stderr, "%s: cannot load model: ", progname);
            put_name(stderr, jdc_error_last());
            putc('\n', stderr);
            status = 2;
            goto done;
        }
        o.model = loaded;
    } else {
        o.model = jdc_model_default();
        if (!o.model) {
            fprintf(stderr, "%s: %s\n", progname, jdc_error_last());
            status = 1;
            goto done;
        }
    }

    walk_filter wf = {include, exclude, 0};
    for (int i = 0; i < nargs; i++) {
        struct stat st;
        if (recursive && strcmp(args[i], "-") && stat(args[i], &st) == 0 &&
            S_ISDIR(st.st_mode)) {
            if (add_dir(&js, args[i], 0, &wf))
                status = 1;
        } else if (add_job(&js, args[i])) {
            fprintf(stderr, "%s: out of memory\n", progname);
            status = 1;
        }
    }
    if (wf.skipped)
        fprintf(stderr, "%s: skipped %zu file%s under the directories (not "
                        "text, Markdown or HTML, or excluded)\n",
                progname, wf.skipped, wf.skipped == 1 ? "" : "s");
    if (o.format == FORMAT_CSV || o.format == FORMAT_TSV)
        csv_header(stdout, o.format);
    summary sum;
    memset(&sum, 0, sizeof sum);
    sum.skipped = wf.skipped;
    status |= run_all(&js, &o, (int)nthreads, &sum);
    if (o.summary) {
        FILE *to = o.format == FORMAT_TEXT ? stdout : stderr;
        fflush(stdout);
        if (to == stdout && js.n)
            putc('\n', stdout);
        summary_print(to, &sum);
    }
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        status = 1;
    }
done:
    for (size_t i = 0; i < js.n; i++)
        free(js.v[i].name);
    free(js.v);
    jdc_model_free(loaded);
    free(args);
    free(include);
    free(exclude);
    return status;
}

/* Subcommands: `jdclass NAME ARGS...` when NAME, the first argument, is one
 * of these (each parses its own options with cli_next()); anything else is
 * the classifier's arguments. */
static const struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand */
} subcommands[] = {
    {"train", jdc_cli_train}, /* learn.c; a file of that name: ./train */
    {"eval", jdc_cli_eval},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    if (argc > 1)
        for (const struct subcommand *c = subcommands; c->name; c++)
            if (!strcmp(argv[1], c->name))
                return c->run(argc - 1, argv + 1);
    return classify_main(argc, argv);
}
