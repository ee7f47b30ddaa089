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
            "      --html         the inputs are HTML (default: detect obvious "
            "HTML)\n"
            "      --no-html      never treat the inputs as HTML\n"
            "  -r, --recursive    classify the files under directories\n"
            "  -t, --threads N    classify on N threads (default: the number "
            "of cores);\n"
            "                     output stays in input order\n"
            "      --max-input N  largest input in bytes (suffix K, M, G; "
            "default 64M)\n"
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
        fprintf(out, "  how the score was built (evidence = weight x (title factor"
               " if in the title)\n    + weight x section factor x (1 + ln "
               "occurrences)):\n");
        fprintf(out, "    %-32s %-7s %6s %5s %5s %7s %8s\n", "term", "track",
               "weight", "title", "count", "section", "evidence");
        for (size_t i = 0; i < nc; i++) {
            const jdc_contribution *c = jdc_result_contribution(r, i);
            fprintf(out, "    %-32.32s %-7s %6.2f %5s %5u %7.2f %8.2f\n", c->term,
                   c->track, c->weight, c->in_title ? "yes" : "-", c->count,
                   c->section_factor, c->evidence);
            for (int t = 0; t < 5; t++)
                if (!strcmp(c->track, tracks[t]))
                    total[t] += c->evidence;
        }
        fprintf(out, "    evidence by track: mlops %.2f, llmops %.2f, ml %.2f, "
               "shared %.2f, other %.2f\n",
               total[0], total[1], total[2], total[3], total[4]);
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
} job;

typedef struct opts {
    int json, explain, html;
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

/* Add the regular files under dir, in name order, recursively; symbolic
 * links to directories are not followed (no loops). Hidden entries are
 * skipped. Returns 0, or -1 with a message printed. */
static int add_dir(jobs *js, const char *dir, int depth)
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
            if (S_ISDIR(st.st_mode))
                rc = add_dir(js, names[i], depth + 1) ? -1 : 0;
            else if (S_ISREG(st.st_mode))
                rc = add_job(js, names[i]);
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
        } else if (o->json) {
            char *js = jdc_result_json(r, is_stdin ? "-" : j->name);
            if (!js) {
                report(err, j->name, "out of memory");
                j->status = 1;
            } else {
                j->json = js; /* printed by flush_job(), not copied */
            }
        } else {
            if (index)
                putc('\n', out);
            print_text(out, is_stdin ? "(stdin)" : j->name, r, data, len,
                       o->explain);
        }
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

static void progress(size_t done, size_t n)
{
    int width = 40, fill = (int)((double)done / (double)n * width);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu", fill,
            "========================================", width - fill, "",
            done, n);
    if (done == n)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

static int flush_job(job *j)
{
    int status = j->status;
    if (j->outlen)
        fwrite(j->out, 1, j->outlen, stdout);
    if (j->json) {
        fputs(j->json, stdout);
        putc('\n', stdout);
        jdc_free(j->json);
        j->json = NULL;
    }
    if (j->errlen) {
        fflush(stdout);
        fwrite(j->err, 1, j->errlen, stderr);
    }
    free(j->out);
    free(j->err);
    j->out = j->err = NULL;
    return status;
}

static int run_all(jobs *js, const opts *o, int nthreads)
{
    int status = 0;
    int show = isatty(STDERR_FILENO) && js->n >= 50;
    if (nthreads <= 1 || js->n <= 1) {
        for (size_t i = 0; i < js->n; i++) {
            run_job(&js->v[i], o, (int)i);
            status |= flush_job(&js->v[i]);
            if (show)
                progress(i + 1, js->n);
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
        return run_all(js, o, 1);
    }
    for (size_t i = 0; i < js->n; i++) {
        pthread_mutex_lock(&p.mu);
        while (!js->v[i].done)
            pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        status |= flush_job(&js->v[i]);
        pthread_mutex_lock(&p.mu);
        p.printed = i + 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        if (show)
            progress(i + 1, js->n);
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

int main(int argc, char **argv)
{
    opts o;
    memset(&o, 0, sizeof o);
    o.max_input = JDC_MAX_INPUT_DEFAULT;
    const char *model_dir = NULL;
    int recursive = 0, only_files = 0;
    long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
    if (nthreads < 1)
        nthreads = 1;
    const char **args = calloc((size_t)argc + 1, sizeof *args);
    int nargs = 0;
    if (!args) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return 1;
    }
#define NEED_ARG()                                                           \
    do {                                                                     \
        if (i + 1 >= argc) {                                                 \
            fprintf(stderr, "%s: %s needs a value\n", progname, a);         \
            usage(stderr);                                                   \
            free(args);                                                      \
            return 2;                                                        \
        }                                                                    \
    } while (0)
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            args[nargs++] = a;
        } else if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
            o.json = 1;
        } else if (!strcmp(a, "-e") || !strcmp(a, "--explain")) {
            o.explain = 1;
        } else if (!strcmp(a, "--html")) {
            o.html = 1;
        } else if (!strcmp(a, "--no-html")) {
            o.html = -1;
        } else if (!strcmp(a, "-r") || !strcmp(a, "--recursive")) {
            recursive = 1;
        } else if (!strcmp(a, "-t") || !strcmp(a, "--threads")) {
            NEED_ARG();
            char *end;
            nthreads = strtol(argv[++i], &end, 10);
            if (*end || nthreads < 1 || nthreads > 1024) {
                fprintf(stderr, "%s: --threads needs a number from 1 to "
                                "1024\n", progname);
                free(args);
                return 2;
            }
        } else if (!strcmp(a, "--max-input")) {
            NEED_ARG();
            if (parse_size(argv[++i], &o.max_input)) {
                fprintf(stderr, "%s: --max-input needs a size in bytes "
                                "(suffix K, M or G allowed)\n", progname);
                free(args);
                return 2;
            }
        } else if (!strcmp(a, "-m") || !strcmp(a, "--model")) {
            NEED_ARG();
            model_dir = argv[++i];
        } else if (!strncmp(a, "--model=", 8)) {
            model_dir = a + 8;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            const jdc_model *m = jdc_model_default();
            printf("jdclass %s (model %s %s)\n", jdc_version(),
                   m ? jdc_model_name(m) : "?", m ? jdc_model_version(m) : "?");
            free(args);
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(args);
            return 0;
        } else {
            fprintf(stderr, "%s: unknown option '%s'\n", progname, a);
            usage(stderr);
            free(args);
            return 2;
        }
    }
    if (nargs == 0)
        args[nargs++] = "-";
    const char *no_color = getenv("NO_COLOR");
    use_color = !o.json && isatty(STDOUT_FILENO) && !(no_color && *no_color);

    jdc_model *loaded = NULL;
    if (model_dir) {
        if (jdc_model_load(&loaded, model_dir)) {
            /* the message names the model's directory or file */
            fprintf(stderr, "%s: cannot load model: ", progname);
            put_name(stderr, jdc_error_last());
            putc('\n', stderr);
            free(args);
            return 2;
        }
        o.model = loaded;
    } else {
        o.model = jdc_model_default();
        if (!o.model) {
            fprintf(stderr, "%s: %s\n", progname, jdc_error_last());
            free(args);
            return 1;
        }
    }

    jobs js = {0};
    int status = 0;
    for (int i = 0; i < nargs; i++) {
        struct stat st;
        if (recursive && strcmp(args[i], "-") && stat(args[i], &st) == 0 &&
            S_ISDIR(st.st_mode)) {
            if (add_dir(&js, args[i], 0))
                status = 1;
        } else if (add_job(&js, args[i])) {
            fprintf(stderr, "%s: out of memory\n", progname);
            status = 1;
        }
    }
    status |= run_all(&js, &o, (int)nthreads);
    for (size_t i = 0; i < js.n; i++)
        free(js.v[i].name);
    free(js.v);
    jdc_model_free(loaded);
    free(args);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return status;
}
