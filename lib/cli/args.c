/* jdclass CLI: getopt_long-style option parsing (see cli.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", cli_progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try '%s --help')\n", cli_progname);
    return 2;
}

void cli_parser_init(cli_parser *p, int argc, char **argv, int first,
                     const cli_option *options)
{
    memset(p, 0, sizeof *p);
    p->argc = argc;
    p->argv = argv;
    p->next = first;
    p->options = options;
}

/* The long option named by name[0, len): an exact match, else the only
 * option of which it is a prefix. NULL (and a message) otherwise. */
static const cli_option *find_long(cli_parser *p, const char *name, size_t len)
{
    const cli_option *found = NULL;
    int n = 0;
    for (const cli_option *o = p->options; o->id; o++) {
        if (!o->name || strncmp(o->name, name, len))
            continue;
        if (strlen(o->name) == len)
            return o;
        if (!found || found->id != o->id)
            n++;
        found = o;
    }
    if (n == 1)
        return found;
    if (n == 0) {
        cli_usage_error("unknown option '%s'", p->what);
        return NULL;
    }
    /* ambiguous: name the candidates */
    char list[256] = "";
    size_t used = 0;
    for (const cli_option *o = p->options; o->id; o++)
        if (o->name && !strncmp(o->name, name, len) && used < sizeof list) {
            int w = snprintf(list + used, sizeof list - used, "%s--%s",
                             used ? ", " : "", o->name);
            if (w > 0)
                used += (size_t)w;
        }
    cli_usage_error("ambiguous option '%s' (%s)", p->what, list);
    return NULL;
}

static void set_what(cli_parser *p, const char *s, size_t len)
{
    if (len >= sizeof p->what)
        len = sizeof p->what - 1;
    memcpy(p->what, s, len);
    p->what[len] = 0;
}

int cli_next(cli_parser *p, const char **value)
{
    *value = NULL;
    if (p->cluster && *p->cluster) {
        char c = *p->cluster++;
        char shown[3] = {'-', c, 0};
        set_what(p, shown, 2);
        const cli_option *o = p->options;
        while (o->id && o->shortopt != (unsigned char)c)
            o++;
        if (!o->id) {
            p->cluster = NULL;
            return cli_usage_error("unknown option '%s'", p->what), CLI_ERROR;
        }
        if (o->has_arg == CLI_REQUIRED_ARG) {
            if (*p->cluster) {
                *value = p->cluster;
            } else if (p->next < p->argc) {
                *value = p->argv[p->next++];
            } else {
                p->cluster = NULL;
                return cli_usage_error("option '%s' needs a value",
                                       p->what), CLI_ERROR;
            }
            p->cluster = NULL;
        }
        return o->id;
    }
    p->cluster = NULL;
    if (p->next >= p->argc)
        return CLI_END;
    const char *a = p->argv[p->next++];
    if (p->only_operands || a[0] != '-' || !strcmp(a, "-")) {
        *value = a;
        return CLI_OPERAND;
    }
    if (!strcmp(a, "--")) {
        p->only_operands = 1;
        return cli_next(p, value);
    }
    if (a[1] != '-') {
        p->cluster = a + 1;
        return cli_next(p, value);
    }
    const char *name = a + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    set_what(p, a, strlen(a));
    const cli_option *o = find_long(p, name, len);
    if (!o)
        return CLI_ERROR;
    switch (o->has_arg) {
    case CLI_NO_ARG:
        if (eq)
            return cli_usage_error("option '--%s' takes no value ('%s')",
                                   o->name, p->what), CLI_ERROR;
        break;
    case CLI_OPTIONAL_ARG:
        *value = eq ? eq + 1 : NULL;
        break;
    default:
        if (eq)
            *value = eq + 1;
        else if (p->next < p->argc)
            *value = p->argv[p->next++];
        else
            return cli_usage_error("option '--%s' needs a value", o->name),
                   CLI_ERROR;
    }
    return o->id;
}
