/* Unit tests of the section finder (lib/sections.c): which lines are
 * headings, which section each names, and the position look-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static jdc_sections S;

static void setup(void) { memset(&S, 0, sizeof S); }
static void teardown(void) { jdc__sections_free(&S); }

static size_t find(const char *text)
{
    uint32_t ts, te;
    jdc__context_title(text, strlen(text), &ts, &te);
    ck_assert_int_eq(jdc__sections(&S, text, strlen(text), ts, te), JDC_OK);
    return S.n;
}

/* Section in effect at the start of the line holding `needle`. */
static int section_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    ck_assert_msg(p != NULL, "'%s' not in text", needle);
    size_t cursor = 0;
    return jdc__section_at(&S, &cursor, (uint32_t)(p - text));
}

static const char POSTING[] =
    "Senior ML Engineer\n"                  /* title: never a heading */
    "We are a fintech in Leeds.\n"          /* intro */
    "## Responsibilities\n"                 /* markdown heading */
    "- ship models\n"
    "**Requirements**\n"                    /* bold heading */
    "- Python:\n"                           /* a bullet, not a heading */
    "Tooling:\n"                            /* unknown heading: keeps section */
    "- MLflow\n"
    "Nice to have:\n"                       /* colon heading */
    "- Rust\n"
    "__Benefits__\n"                        /* underlined heading */
    "- pension\n"
    "About us:\n"
    "- founded 2020\n";

START_TEST(headings_name_sections)
{
    ck_assert_uint_eq(find(POSTING), 5);
    ck_assert_int_eq(section_of(POSTING, "Senior"), JDC_SEC_INTRO);
    ck_assert_int_eq(section_of(POSTING, "We are"), JDC_SEC_INTRO);
    ck_assert_int_eq(section_of(POSTING, "- ship"), JDC_SEC_DUTIES);
    ck_assert_int_eq(section_of(POSTING, "- Python"), JDC_SEC_REQUIREMENTS);
    ck_assert_int_eq(section_of(POSTING, "- MLflow"), JDC_SEC_REQUIREMENTS);
    ck_assert_int_eq(section_of(POSTING, "- Rust"), JDC_SEC_NICE);
    ck_assert_int_eq(section_of(POSTING, "- pension"), JDC_SEC_BENEFITS);
    ck_assert_int_eq(section_of(POSTING, "- founded"), JDC_SEC_COMPANY);
    /* headings start where their line starts, in order */
    ck_assert_uint_eq(S.v[0].start,
                      (uint32_t)(strstr(POSTING, "## Resp") - POSTING));
    for (size_t i = 1; i < S.n; i++)
        ck_assert_uint_lt(S.v[i - 1].start, S.v[i].start);
}
END_TEST

START_TEST(section_at_with_cursor)
{
    ck_assert_uint_eq(find(POSTING), 5);
    /* one cursor walked forward gives the same answers as fresh ones */
    size_t cursor = 0;
    for (uint32_t pos = 0; pos < sizeof POSTING - 1; pos++) {
        size_t fresh = 0;
        int a = jdc__section_at(&S, &cursor, pos);
        int b = jdc__section_at(&S, &fresh, pos);
        ck_assert_int_eq(a, b);
        ck_assert(a >= 0 && a < JDC_SEC_COUNT);
    }
}
END_TEST

START_TEST(first_line_is_never_a_heading)
{
    ck_assert_uint_eq(find("Responsibilities:\n- things\n"), 0);
    ck_assert_uint_eq(find("\n\n  \n## Benefits\n- things\n"), 0);
    ck_assert_uint_eq(find("Title\n## Benefits\n"), 1);
    ck_assert_int_eq(S.v[0].section, JDC_SEC_BENEFITS);
}
END_TEST

START_TEST(plain_headings)
{
    /* 2026 careers pages write headings as plain short lines */
    ck_assert_uint_eq(find("Title\nKey job responsibilities\n- build\n"
                           "Preferred Qualifications\n- more\nPython\n"), 2);
    ck_assert_int_eq(S.v[0].section, JDC_SEC_DUTIES);
    ck_assert_int_eq(S.v[1].section, JDC_SEC_NICE);
}
END_TEST

START_TEST(not_headings)
{
    /* a colon line with too many words, a bullet, an over-long line, a
     * plain line that ends like a sentence, a plain line of six words */
    ck_assert_uint_eq(
        find("Title\n"
             "In this role you will work with many teams on many things and "
             "requirements:\n"
             "- Requirements:\n"
             "* Benefits:\n"
             "+ Responsibilities:\n"
             "Requirements.\n"
             "Requirements for the team we build\n"
             "Benefits for everyone who joins us are described below\n"),
        0);
    char longline[200];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "Title\n## Requirements ", 22);
    memcpy(longline + sizeof longline - 2, "\n", 2);
    ck_assert_uint_eq(find(longline), 0);
}
END_TEST

START_TEST(heading_variants)
{
    static const struct {
        const char *heading;
        int section;
    } cases[] = {
        {"# What you'll do", JDC_SEC_DUTIES},
        {"### What you\xE2\x80\x99ll do", JDC_SEC_DUTIES},
        {"**About the role:**", JDC_SEC_DUTIES},
        {"> Qualifications:", JDC_SEC_REQUIREMENTS},
        {"WHAT WE OFFER:", JDC_SEC_BENEFITS},
        {"Bonus points:", JDC_SEC_NICE},
        {"About Acme:", JDC_SEC_COMPANY},
        {"Requirements:  \r", JDC_SEC_REQUIREMENTS},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[128];
        snprintf(text, sizeof text, "Title\n%s\nbody\n", cases[i].heading);
        ck_assert_msg(find(text) == 1, "'%s' is no heading", cases[i].heading);
        ck_assert_msg(S.v[0].section == cases[i].section,
                      "'%s' names %s, expected %s", cases[i].heading,
                      jdc__section_name(S.v[0].section),
                      jdc__section_name(cases[i].section));
        ck_assert_uint_eq(S.v[0].start, 6);
    }
}
END_TEST

START_TEST(names)
{
    ck_assert_str_eq(jdc__section_name(JDC_SEC_INTRO), "intro");
    ck_assert_str_eq(jdc__section_name(JDC_SEC_COMPANY), "company");
    ck_assert_str_eq(jdc__section_name(JDC_SEC_DUTIES), "duties");
    ck_assert_str_eq(jdc__section_name(JDC_SEC_REQUIREMENTS), "requirements");
    ck_assert_str_eq(jdc__section_name(JDC_SEC_NICE), "nice-to-have");
    ck_assert_str_eq(jdc__section_name(JDC_SEC_BENEFITS), "benefits");
    ck_assert_str_eq(jdc__section_name(-1), "intro");
    ck_assert_str_eq(jdc__section_name(JDC_SEC_COUNT), "intro");
}
END_TEST

START_TEST(empty_and_garbage)
{
    ck_assert_uint_eq(find(""), 0);
    size_t cursor = 0;
    ck_assert_int_eq(jdc__section_at(&S, &cursor, 0), JDC_SEC_INTRO);
    ck_assert_uint_eq(find("\n\n\n"), 0);
    /* NUL bytes and invalid UTF-8 in headings do not crash */
    static const char g[] = "T\n## Bene\0fits\xFF\n**\n**\xC0**\n#\n:\n";
    ck_assert_int_eq(jdc__sections(&S, g, sizeof g - 1, 0, 0), JDC_OK);
    /* reuse: a second call resets the list */
    ck_assert_uint_eq(find(POSTING), 5);
    ck_assert_uint_eq(find("Title\nBenefits:\n"), 1);
}
END_TEST

START_TEST(many_headings)
{
    /* more headings than the initial capacity */
    size_t n = 1000, cap = 16 + n * 16;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t len = (size_t)snprintf(text, cap, "Title\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s\nx\n",
                                i % 2 ? "Benefits:" : "Requirements:");
    ck_assert_int_eq(jdc__sections(&S, text, len, 0, 0), JDC_OK);
    ck_assert_uint_eq(S.n, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(S.v[i].section,
                         i % 2 ? JDC_SEC_BENEFITS : JDC_SEC_REQUIREMENTS);
    free(text);
}
END_TEST

Suite *sections_suite(void)
{
    Suite *s = suite_create("sections");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, headings_name_sections);
    tcase_add_test(tc, section_at_with_cursor);
    tcase_add_test(tc, first_line_is_never_a_heading);
    tcase_add_test(tc, not_headings);
    tcase_add_test(tc, plain_headings);
    tcase_add_test(tc, heading_variants);
    tcase_add_test(tc, names);
    tcase_add_test(tc, empty_and_garbage);
    tcase_add_test(tc, many_headings);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(sections_suite()); }
