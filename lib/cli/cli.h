/* jdclass CLI: shared declarations of the command-line front end (not part
 * of the library; the CLI uses only the public header include/jdclass.h). */
#ifndef JDCLASS_CLI_H
#define JDCLASS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "jdclass.h"

extern const char *cli_progname;

/* ---- args.c: getopt_long-style parsing -------------------------------------
 * Short options cluster ("-je"), take their value attached or next ("-t2",
 * "-t 2"); long options take "--name=value" or "--name value", and may be
 * abbreviated to an unambiguous prefix. Options and operands may be mixed;
 * "--" ends the options and "-" is an operand. A subcommand parses its own
 * arguments with its own table (argv[0] is then the subcommand's name). */

enum { CLI_NO_ARG = 0, CLI_REQUIRED_ARG = 1, CLI_OPTIONAL_ARG = 2 };

typedef struct cli_option {
    const char *name; /* long name without "--", or NULL */
    int shortopt;     /* short letter, or 0 */
    int has_arg;      /* CLI_NO_ARG, CLI_REQUIRED_ARG, CLI_OPTIONAL_ARG
                         (an optional value only as "--name=value") */
    int id;           /* returned by cli_next(); > 0 */
} cli_option;

typedef struct cli_parser {
    int argc;
    char **argv;
    int next;         /* next argv index */
    const char *cluster; /* rest of a short-option cluster, or NULL */
    int only_operands;
    const cli_option *options; /* ends with an entry whose id is 0 */
    char what[128];   /* the option as the user wrote it (for messages) */
} cli_parser;

enum { CLI_END = 0, CLI_OPERAND = -1, CLI_ERROR = -2 };

void cli_parser_init(cli_parser *p, int argc, char **argv, int first,
                     const cli_option *options);
/* The next option's id (its value in *value, or NULL), CLI_OPERAND with the
 * operand in *value, CLI_END, or CLI_ERROR after a usage error was printed. */
int cli_next(cli_parser *p, const char **value);
/* "jdclass: MESSAGE (try 'jdclass --help')" on stderr, one line; returns 2. */
int cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* ---- output.c: CSV/TSV rows, the batch summary, the progress bar -------- */

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV, FORMAT_TSV };

/* The header line of --format csv/tsv. */
void csv_header(FILE *out, int format);
/* One row for result r of the input called name. */
void csv_row(FILE *out, int format, const char *name, const jdc_result *r);

/* Counts for --summary. */
#define SUMMARY_LABELS 4
#define SUMMARY_LEVELS 5
#define SUMMARY_VERDICTS 4
typedef struct summary {
    size_t classified, failed, skipped;
    size_t label[SUMMARY_LABELS];
    size_t level[SUMMARY_LEVELS];
    size_t verdict[SUMMARY_VERDICTS];
} summary;

/* Small indices of a result's label, seniority level and market verdict. */
void summary_keys(const jdc_result *r, unsigned char key[3]);
void summary_add(summary *s, const unsigned char key[3]);
void summary_print(FILE *out, const summary *s);

/* A progress bar on stderr (a terminal). progress_clear() erases it so that
 * output can follow on a clean line; progress_show() draws it. */
typedef struct progress {
    int enabled, visible;
    size_t total;
    long long last_ms;
} progress;

void progress_init(progress *pg, int enabled, size_t total);
void progress_clear(progress *pg);
void progress_show(progress *pg, size_t done);

/* ---- walk.c: which files -r classifies ----------------------------------- */

typedef struct walk_filter {
    const char **include; /* --include GLOBs (NULL-terminated), or NULL */
    const char **exclude; /* --exclude GLOBs (NULL-terminated), or NULL */
    size_t skipped;       /* files skipped (not postings, or excluded) */
} walk_filter;

/* Whether -r reads the regular file at path (whose last component is
 * base): excluded by a --exclude glob: no; with --include globs: when one
 * matches; otherwise when its extension is one of text, Markdown or HTML, or
 * it has none; and in both cases only when its first bytes are text (no NUL
 * byte). Counts what it rejects in f->skipped. */
int walk_wants_file(walk_filter *f, const char *path, const char *base);
/* Whether -r descends into the directory path (not excluded). */
int walk_wants_dir(const walk_filter *f, const char *path, const char *base);

#endif
