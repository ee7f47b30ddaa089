/* Shared helpers for the Check unit suites: temporary model directories,
 * file writing, and a common main(). */
#ifndef JDC_UNIT_H
#define JDC_UNIT_H

#include <check.h>
#include <stddef.h>

/* Create a fresh temporary directory (mkdtemp) under the run's base
 * directory; returns a malloc'ed path. Fails the current test when it
 * cannot. */
char *unit_tmpdir(void);

/* Write `len` bytes to dir/name, replacing any existing file. */
void unit_write(const char *dir, const char *name, const void *data,
                size_t len);
/* Write a NUL-terminated string to dir/name. */
void unit_write_str(const char *dir, const char *name, const char *text);

/* Remove a directory created by unit_tmpdir() with everything in it and
 * free `dir`. (unit_run() removes whatever a failed test left behind.) */
void unit_rmtree(char *dir);

/* Read a whole file into a malloc'ed, NUL-terminated buffer. */
char *unit_read(const char *path, size_t *len);

/* Run one suite, print the report, return the process exit status. Makes
 * the base directory for unit_tmpdir() first and removes it at the end. */
int unit_run(Suite *s);

/* Minimal JSON validator (RFC 8259 grammar, UTF-8 checked): 1 when `s` is
 * exactly one valid JSON value with optional surrounding whitespace. */
int unit_json_valid(const char *s);

#endif
