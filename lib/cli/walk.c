/* jdclass CLI: which files -r classifies (see walk_wants_file in cli.h). */
#include <fcntl.h>
#include <fnmatch.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

/* Extensions of postings: text, Markdown, HTML (case-insensitive). */
static const char *const posting_ext[] = {
    "txt", "text", "md", "markdown", "mdown", "mkd", "mkdn",
    "html", "htm", "xhtml", NULL};

/* A glob matches the base name, or the whole path when it holds a '/'. */
static int glob_matches(const char *const *globs, const char *path,
                        const char *base)
{
    for (size_t i = 0; globs && globs[i]; i++)
        if (!fnmatch(globs[i], strchr(globs[i], '/') ? path : base, 0))
            return 1;
    return 0;
}

static int posting_extension(const char *base)
{
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return 1; /* no extension: decided by content */
    for (int i = 0; posting_ext[i]; i++)
        if (!strcasecmp(dot + 1, posting_ext[i]))
            return 1;
    return 0;
}

/* Text: no NUL byte in the first 8 KiB (what grep calls binary). An
 * unreadable file is kept, so that reading it reports the error. */
static int looks_like_text(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return 1;
    char buf[8192];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    return n <= 0 || !memchr(buf, 0, (size_t)n);
}

int walk_wants_file(walk_filter *f, const char *path, const char *base)
{
    int want;
    if (glob_matches(f->exclude, path, base))
        want = 0;
    else if (f->include && f->include[0])
        want = glob_matches(f->include, path, base);
    else
        want = posting_extension(base);
    if (want)
        want = looks_like_text(path);
    if (!want)
        f->skipped++;
    return want;
}

int walk_wants_dir(const walk_filter *f, const char *path, const char *base)
{
    return !glob_matches(f->exclude, path, base);
}
