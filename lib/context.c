/* Context: the structure of a posting that every later stage reads, decided
 * in one place: its title line, its headings and the sections they start,
 * and the section of each matched term (the sentences, their cue flags and
 * negation are kept by the matcher's one pass over the tokens, match.c).
 *
 * Title: the first line that holds more than blanks and rule characters
 * (#, *, =, -, _), when it is at most 300 bytes long; none otherwise, or
 * with JDC_FLAG_NO_TITLE. The tokeniser marks its tokens, the sections skip
 * it and extraction reads the level from it: one rule for all three.
 *
 * Sections: find the headings of a posting and name the part each starts.
 *
 * A heading is a line that is short (at most 80 bytes of text) and either
 *  - starts with '#' (markdown heading),
 *  - is wholly bold or underlined (**...**, __...__), or
 *  - ends with ':' and has at most six words, or
 *  - is plain text of at most five words starting with a letter and not
 *    ending like a sentence ("Key Responsibilities", "About you"): such a
 *    line only counts when it names a section.
 * Its text is compared, lower-cased, with the phrase lists below, in order;
 * the first rule whose phrase occurs in the heading names the section (a
 * phrase starting with '^' must start the heading).
 * A heading that names nothing keeps the current section (a sub-heading
 * such as "Python" under "Requirements" stays in the requirements), and the
 * title line never starts a section. Text before any
 * recognised heading is in the "intro" section.
 * Cost: one pass over the lines, each heading compared with a fixed list. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct rule {
    int section;
    const char *phrase;
} rule;

/* Order matters: more specific phrases first. */
static const rule rules[] = {
    {JDC_SEC_DUTIES, "about the role"},
    {JDC_SEC_DUTIES, "about this role"},
    {JDC_SEC_DUTIES, "about the job"},
    {JDC_SEC_DUTIES, "about the position"},
    {JDC_SEC_DUTIES, "about the team"},
    {JDC_SEC_DUTIES, "the team"},
    {JDC_SEC_REQUIREMENTS, "about you"},
    {JDC_SEC_NICE, "nice to have"},
    {JDC_SEC_NICE, "nice-to-have"},
    {JDC_SEC_NICE, "nice to haves"},
    {JDC_SEC_NICE, "bonus"},
    {JDC_SEC_NICE, "preferred"},
    {JDC_SEC_NICE, "desirable"},
    {JDC_SEC_NICE, "desired"},
    {JDC_SEC_NICE, "pluses"},
    {JDC_SEC_NICE, "a plus"},
    {JDC_SEC_NICE, "extra credit"},
    {JDC_SEC_NICE, "stand out"},
    {JDC_SEC_NICE, "even better"},
    {JDC_SEC_NICE, "great to have"},
    {JDC_SEC_NICE, "good to have"},
    {JDC_SEC_BENEFITS, "benefit"},
    {JDC_SEC_BENEFITS, "perks"},
    {JDC_SEC_BENEFITS, "what we offer"},
    {JDC_SEC_BENEFITS, "we offer"},
    {JDC_SEC_BENEFITS, "what you'll get"},
    {JDC_SEC_BENEFITS, "what you get"},
    {JDC_SEC_BENEFITS, "in return"},
    {JDC_SEC_BENEFITS, "compensation"},
    {JDC_SEC_BENEFITS, "salary"},
    {JDC_SEC_BENEFITS, "pay range"},
    {JDC_SEC_BENEFITS, "why join"},
    {JDC_SEC_BENEFITS, "why work"},
    {JDC_SEC_BENEFITS, "why you'll love"},
    {JDC_SEC_BENEFITS, "why us"},
    {JDC_SEC_BENEFITS, "what's in it"},
    {JDC_SEC_BENEFITS, "our offer"},
    {JDC_SEC_BENEFITS, "rewards"},
    {JDC_SEC_BENEFITS, "package"},
    {JDC_SEC_BENEFITS, "how to apply"},
    {JDC_SEC_BENEFITS, "hiring process"},
    {JDC_SEC_BENEFITS, "interview process"},
    {JDC_SEC_BENEFITS, "recruitment process"},
    {JDC_SEC_BENEFITS, "equal opportunit"},
    {JDC_SEC_BENEFITS, "equal employment"},
    {JDC_SEC_BENEFITS, "diversity"},
    {JDC_SEC_BENEFITS, "inclusion"},
    {JDC_SEC_BENEFITS, "accommodation"},
    {JDC_SEC_BENEFITS, "privacy"},
    {JDC_SEC_BENEFITS, "location"},
    {JDC_SEC_REQUIREMENTS, "requirement"},
    {JDC_SEC_REQUIREMENTS, "qualification"},
    {JDC_SEC_REQUIREMENTS, "looking for"},
    {JDC_SEC_REQUIREMENTS, "you have"},
    {JDC_SEC_REQUIREMENTS, "you bring"},
    {JDC_SEC_REQUIREMENTS, "you'll bring"},
    {JDC_SEC_REQUIREMENTS, "you will bring"},
    {JDC_SEC_REQUIREMENTS, "who you are"},
    {JDC_SEC_REQUIREMENTS, "what you need"},
    {JDC_SEC_REQUIREMENTS, "you'll need"},
    {JDC_SEC_REQUIREMENTS, "you will need"},
    {JDC_SEC_REQUIREMENTS, "must have"},
    {JDC_SEC_REQUIREMENTS, "must-have"},
    {JDC_SEC_REQUIREMENTS, "skills"},
    {JDC_SEC_REQUIREMENTS, "experience"},
    {JDC_SEC_REQUIREMENTS, "expertise"},
    {JDC_SEC_REQUIREMENTS, "ideal candidate"},
    {JDC_SEC_REQUIREMENTS, "the candidate"},
    {JDC_SEC_REQUIREMENTS, "your profile"},
    {JDC_SEC_REQUIREMENTS, "profile"},
    {JDC_SEC_REQUIREMENTS, "competenc"},
    {JDC_SEC_REQUIREMENTS, "tech stack"},
    {JDC_SEC_REQUIREMENTS, "our stack"},
    {JDC_SEC_REQUIREMENTS, "technologies"},
    {JDC_SEC_REQUIREMENTS, "what it takes"},
    {JDC_SEC_REQUIREMENTS, "do you have"},
    {JDC_SEC_REQUIREMENTS, "are you"},
    {JDC_SEC_DUTIES, "responsibilit"},
    {JDC_SEC_DUTIES, "what you'll do"},
    {JDC_SEC_DUTIES, "what you will do"},
    {JDC_SEC_DUTIES, "what you'll be doing"},
    {JDC_SEC_DUTIES, "what you will be doing"},
    {JDC_SEC_DUTIES, "what you'll work on"},
    {JDC_SEC_DUTIES, "what you will work on"},
    {JDC_SEC_DUTIES, "you will"},
    {JDC_SEC_DUTIES, "you'll"},
    {JDC_SEC_DUTIES, "your role"},
    {JDC_SEC_DUTIES, "the role"},
    {JDC_SEC_DUTIES, "role overview"},
    {JDC_SEC_DUTIES, "the position"},
    {JDC_SEC_DUTIES, "the opportunity"},
    {JDC_SEC_DUTIES, "in this role"},
    {JDC_SEC_DUTIES, "day to day"},
    {JDC_SEC_DUTIES, "day-to-day"},
    {JDC_SEC_DUTIES, "duties"},
    {JDC_SEC_DUTIES, "your mission"},
    {JDC_SEC_DUTIES, "the mission"},
    {JDC_SEC_DUTIES, "your impact"},
    {JDC_SEC_DUTIES, "impact"},
    {JDC_SEC_DUTIES, "what you'll achieve"},
    {JDC_SEC_DUTIES, "job description"},
    {JDC_SEC_DUTIES, "role description"},
    {JDC_SEC_DUTIES, "job summary"},
    {JDC_SEC_DUTIES, "position summary"},
    {JDC_SEC_DUTIES, "overview of the role"},
    {JDC_SEC_DUTIES, "key tasks"},
    {JDC_SEC_DUTIES, "tasks"},
    {JDC_SEC_DUTIES, "projects"},
    {JDC_SEC_COMPANY, "about us"},
    {JDC_SEC_COMPANY, "who we are"},
    {JDC_SEC_COMPANY, "about the company"},
    {JDC_SEC_COMPANY, "the company"},
    {JDC_SEC_COMPANY, "company overview"},
    {JDC_SEC_COMPANY, "company description"},
    {JDC_SEC_COMPANY, "our company"},
    {JDC_SEC_COMPANY, "our mission"},
    {JDC_SEC_COMPANY, "our story"},
    {JDC_SEC_COMPANY, "our values"},
    {JDC_SEC_COMPANY, "our culture"},
    {JDC_SEC_COMPANY, "culture"},
    {JDC_SEC_COMPANY, "life at"},
    {JDC_SEC_COMPANY, "working at"},
    {JDC_SEC_COMPANY, "who are we"},
    {JDC_SEC_COMPANY, "what we do"},
    {JDC_SEC_COMPANY, "^about "},
};

#define NRULES (sizeof rules / sizeof *rules)

/* Rule indexes by the first letter of their phrase (built once). */
static uint8_t by_letter[26][NRULES];
static size_t by_letter_n[26];
static uint8_t rule_len[NRULES]; /* length of the phrase without '^' */
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void index_rules(void)
{
    for (size_t r = 0; r < NRULES; r++) {
        const char *ph = rules[r].phrase;
        int c = (ph[0] == '^' ? ph[1] : ph[0]) - 'a';
        rule_len[r] = (uint8_t)strlen(ph[0] == '^' ? ph + 1 : ph);
        by_letter[c][by_letter_n[c]++] = (uint8_t)r;
    }
}

static const char *names[JDC_SEC_COUNT] = {
    "intro", "company", "duties", "requirements", "nice-to-have", "benefits",
};

const char *jdc__section_name(int s)
{
    return s >= 0 && s < JDC_SEC_COUNT ? names[s] : "intro";
}

static int classify_heading(const char *s, size_t n)
{
    char low[96];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof low; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x99) {
            c = '\''; /* U+2019 */
            i += 2;
        }
        low[k++] = (char)c;
    }
    low[k] = '\0';
    /* The earliest rule whose phrase occurs anywhere in the heading wins.
     * Candidates are found by first letter, so each position of the heading
     * is compared only with the few rules starting with its letter. */
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)low[i];
        if (c < 'a' || c > 'z')
            continue;
        for (size_t j = 0; j < by_letter_n[c - 'a']; j++) {
            size_t r = by_letter[c - 'a'][j];
            const char *ph = rules[r].phrase;
            if (*ph == '^') { /* anchored at the start of the heading */
                if (i != 0)
                    continue;
                ph++;
            }
            size_t pl = rule_len[r];
            if (r < best && i + pl <= k && low[i + 1] == ph[1] &&
                !memcmp(low + i, ph, pl))
                best = r;
        }
    }
    return best == SIZE_MAX ? -1 : rules[best].section;
}

/* Is line [s, s+n) a heading? Sets the heading text span. */
static int heading_text(const char *s, size_t n, const char **hs, size_t *hn)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '>')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n == 0)
        return 0;
    int md = 0, bold = 0;
    if (*s == '#') {
        md = 1;
        while (n && (*s == '#' || *s == ' ')) {
            s++;
            n--;
        }
    }
    /* strip emphasis markers at both ends */
    while (n >= 2 && (*s == '*' || *s == '_') && (s[n - 1] == '*' ||
                                                   s[n - 1] == '_' ||
                                                   s[n - 1] == ':')) {
        if (s[n - 1] == ':') {
            n--;
            continue;
        }
        bold = 1;
        s++;
        n -= 2;
        while (n && (*s == ' '))
            s++, n--;
        while (n && s[n - 1] == ' ')
            n--;
    }
    if (n == 0 || n > 80)
        return 0;
    int colon = s[n - 1] == ':';
    if (colon)
        n--;
    if (!md && !bold) {
        size_t words = 1;
        for (size_t i = 0; i < n; i++)
            if (s[i] == ' ')
                words++;
        if (words > (colon ? 6u : 5u))
            return 0;
        if (*s == '*' || *s == '-' || *s == '+') /* a bullet */
            return 0;
        /* a plain line ("Key Responsibilities", "About you") must start
         * with a letter and not end like a sentence; it is a heading only
         * when it names a section (the caller checks) */
        if (!colon && (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) ||
                       strchr(".!?,;", s[n - 1])))
            return 0;
    }
    *hs = s;
    *hn = n;
    return 1;
}

void jdc__context_title(const char *text, size_t len, uint32_t *ts,
                        uint32_t *te)
{
    size_t i = 0;
    *ts = *te = 0;
    for (;;) {
        size_t ls = i;
        int blank = 1;
        while (i < len && text[i] != '\n') {
            unsigned char c = (unsigned char)text[i];
            if (c > ' ' && c != '#' && c != '*' && c != '=' && c != '-' &&
                c != '_')
                blank = 0;
            i++;
        }
        if (!blank) {
            if (i - ls <= 300) {
                *ts = (uint32_t)ls;
                *te = (uint32_t)i;
            }
            return;
        }
        if (i >= len || i - ls > 300)
            return;
        i++;
    }
}

int jdc__sections(jdc_sections *out, const char *text, size_t len,
                  uint32_t title_start, uint32_t title_end)
{
    pthread_once(&index_once, index_rules);
    out->n = 0;
    size_t i = 0;
    int has_title = title_end > title_start;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *hs;
        size_t hn;
        int blank = 1;
        for (size_t k = i; k < e && blank; k++)
            if ((unsigned char)text[k] > ' ')
                blank = 0;
        if (!blank) {
            int is_title = has_title && i <= title_start && title_start < e;
            if (!is_title && e - i <= 200 &&
                heading_text(text + i, e - i, &hs, &hn)) {
                int sec = classify_heading(hs, hn);
                if (sec >= 0) {
                    if (out->n == out->cap) {
                        size_t cap = out->cap ? out->cap * 2 : 16;
                        jdc_section_span *v =
                            realloc(out->v, cap * sizeof *v);
                        if (!v)
                            return JDC_ENOMEM;
                        out->v = v;
                        out->cap = cap;
                    }
                    out->v[out->n].start = (uint32_t)i;
                    out->v[out->n].section = (uint8_t)sec;
                    out->n++;
                }
            }
        }
        i = e + 1;
    }
    return JDC_OK;
}

int jdc__section_at(const jdc_sections *s, size_t *cursor, uint32_t pos)
{
    while (*cursor < s->n && s->v[*cursor].start <= pos)
        (*cursor)++;
    return *cursor ? s->v[*cursor - 1].section : JDC_SEC_INTRO;
}

void jdc__sections_free(jdc_sections *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

void jdc__context_assign(jdc_hits *h, const jdc_sections *secs,
                         const jdc_sentences *ss)
{
    size_t cursor = 0;
    for (size_t i = 0; i < h->n; i++) {
        jdc_hit *x = &h->v[i];
        if (x->flags & JDC_TOK_TITLE) {
            x->section = JDC_SEC_INTRO;
            continue;
        }
        x->section = (uint8_t)jdc__section_at(secs, &cursor, x->start);
        if (x->sent < ss->n && (ss->v[x->sent].flags & JDC_SENT_PROCESS))
            x->section = JDC_SEC_BENEFITS;
    }
}
