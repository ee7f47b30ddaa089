/* Extraction of seniority, salary and work terms from a posting, and the UK
 * market bands (models/NAME.bands) the salary is compared with.
 *
 * Everything here works on the original bytes: ASCII letters and digits make
 * words, every other byte (invalid UTF-8, NUL, controls, other scripts)
 * separates them; the few non-ASCII characters that matter (£ € ₹ ¥, the en
 * and em dashes, the minus sign) are recognised by their UTF-8 bytes.
 *
 * Cost: jdc__extract() reads the text in one forward pass (sixteen bytes at
 * a time where SSE2 is available) and looks closely only at the positions
 * that can matter: numbers and currency symbols or codes (salary), number
 * words and "a"/"an" (years), and the trigger words of seniority,
 * employment, IR35, work mode and places, which a keyword table picks out
 * with one look-up for most words (see "keyword tables"). Every look around
 * a position is bounded (a fixed number of words, GAP_MAX bytes of
 * separators), and the salary scan resumes after each amount it reads, so
 * the total is O(len). It never allocates.
 *
 * Seniority (RUBRIC.md):
 *  1. The title's level words, first one wins ("Senior/Principal": senior):
 *     junior (junior, jr, graduate, grad, intern, internship, trainee,
 *     apprentice, entry-level, associate, roman "I"), mid (intermediate,
 *     mid, middle, semi-senior, ssr, roman "II"), senior (senior, sr, snr,
 *     roman "III" and "IV"), staff (staff, principal, lead, head, director,
 *     architect, manager, vp, chief, distinguished). "Senior" right before
 *     a staff-level word ("Senior Staff", "Senior Principal") is a grade of
 *     that level: staff. "Associate" before one ("Associate Director")
 *     gives way to it.
 *  1b. Else, from the body (adverts whose title lives in a separate field,
 *     Hacker News posts; see body_scan()): a labelled title field ("Job
 *     Title: Senior ..."); a "Company | Role | Place" header line; the role
 *     named where a sentence introduces it ("As an Applied Scientist III",
 *     "we are looking for an AI Solutions Architect"); an internship,
 *     co-op or student programme, or "Entry Level <role>" (junior); the
 *     opening a list of roles spends most words on. "Member of Technical
 *     Staff" names no level; "CTO" is staff.
 *  2. Else the years of experience asked for in the body: of the phrases
 *     that are about experience ("5+ years", "at least three years",
 *     "3-5 yrs of experience", "minimum of 2 years"; number words one to
 *     fifteen; not "founded 10 years ago", "in the last 5 years"), the
 *     largest lower bound: < 2 junior, < 5 mid, else senior.
 *  3. Else the role's level restated in the body ("As a Senior Developer",
 *     "we are seeking an experienced Staff Engineer", "Role: Senior ...",
 *     "senior-level experience").
 *  4. Else a company ladder level in the title ("L4"): L1-L2 junior, L3-L4
 *     mid, L5 senior, L6+ staff. Ladders differ between companies (Amazon's
 *     L5 is Google's L4), so these only decide when nothing else does.
 *
 * Salary (see salary_at()):
 *  - An amount needs a currency marker: a symbol (£ € $ ₹ ¥; CA$/C$ CAD,
 *    A$/AU$ AUD, US$, NZ$, S$, HK$, R$, MX$) or an ISO code before or after
 *    it ("USD $103,400", "$113,800 CAD", "INR 6,026,641", "70.000 €"). A
 *    bare '$' gives way to a code written with the amount ("$3.100.000
 *    CLP"); otherwise it is USD.
 *  - In an advert in the UK (a UK place, "UK", "United Kingdom", "£" or
 *    "GBP" in it), an amount with no marker is GBP when it is plainly pay:
 *    a period written with it ("Up to 700 per day"), a salary word before
 *    it in its clause ("Salary: 65,000"), "+ benefits" / "plus bonus"
 *    after it, or thousands under a pay heading ("60k-80k"). A bare number
 *    with none of these is not a salary.
 *  - Numbers: ',' or '.' before exactly three digits separate thousands
 *    ("€70.000", "3.100.000", Indian "12,00,000"); a last separator of the
 *    other kind, or a lone one before 1-2 digits, is the decimal point
 *    ("€56,000.00", "$24.60"). k/K multiplies by 1000 ("£90-120k": the k of
 *    the upper bound applies to a bare lower bound under 1000); an amount
 *    with M, bn, million, billion... is never a salary ("$40M Series B").
 *  - Ranges: - – — − ~ "--" "to", markdown "\-", and "and" after
 *    "between"; a period may follow either bound ("$174,000/yr -
 *    $235,000/yr", "$20/hr. - $24/hr."); "low - mid - high" is low-high.
 *    Indian amounts: "₹40L" (lakh), "1.2 Cr" (crore).
 *  - Period: written after the amount ("pa", "p.a.", "per annum",
 *    "annually", "a year", "/yr", "p/y", "per day", "pd", "day rate",
 *    "/day", "per hour", "/hr", "hourly", "per month", "/month", "monthly",
 *    "pcm") or before it in the clause ("Annual salary:", "Hourly rate:",
 *    "per year: $X", "day rate of £X"). "per week", "per user", "per metre"
 *    are not salary periods. Not written: >= 10,000 (scaled by currency,
 *    below) is a year; 1,000-10,000 with a salary word in the clause is a
 *    month ("Net salary: $3.100.000 CLP"); else it is not a salary.
 *  - Plausible amounts, in US-dollar-like units (each currency has a rough
 *    scale: INR 80, CLP 900, JPY 150...): a year 10k-2M, a month 1k-100k, a
 *    day 100-5,000, an hour 10-1,000; a range needs min <= max.
 *  - Not salary: the nearest of the salary words (salary, base, pay,
 *    compensation, rate, range...) and other-money words (bonus, OTE,
 *    equity, sign-on, relocation, stipend, allowance, budget, funding,
 *    raised, valuation...) before the amount in its clause (which ends at a
 *    sentence boundary, '+', "plus" or the previous amount) is an
 *    other-money word; or an other-money word follows within five words
 *    (before '+', "plus", "and", a comma) and no salary word is nearest
 *    before ("$2,000 annual vacation bonus"; but "the salary range is
 *    $194,000-$278,000 OTE" is the posting's salary).
 *  - A range of hourly-sized amounts (10-200) with no period, or labelled
 *    annual, under a pay word in the 60 words before: per hour.
 *  - "over X", "from X", "at least X", "starting at X", "X+": min X, max
 *    NAN.
 *  - "up to X" (or "maximum of X"): min NAN, max X. A single figure: min =
 *    max. Every range found is kept in text order (identical ones once), up
 *    to JDC_SALARY_MAX; the first is the headline, as the rubric's "record
 *    the first one listed".
 *  - Evidence span: the amounts with their currency and period words (and
 *    "up to").
 *
 * Work terms (see terms()): the title's mention wins over the body's; in the
 * body the more specific wins (fixed-term > contract > permanent >
 * full-time), then the first.
 *  - Employment: permanent, perm, full-time -> permanent (not "permanent
 *    resident"); contract (in the title, or as "contract role / basis / to
 *    hire", "fixed / long-term / N-month contract", "Contract" at a line's
 *    end; not "smart contract", "contract testing", "a contract or offer of
 *    employment"), contractor (not "government contractor"), freelance,
 *    C2C -> contract; fixed-term, FTC, maternity cover, temporary role, "N
 *    month contract" -> fixed-term, except that an N-month contract with an
 *    IR35 status or a day or hourly rate is a contractor's: contract. An
 *    IR35 status with nothing else says contract. Intern / internship only
 *    in the title -> internship.
 *  - IR35: inside / outside (or "caught by") within three words of "IR35";
 *    "inside or outside IR35" says neither.
 *  - Work mode: remote, remotely (not remote sensing / state / access...),
 *    hybrid (not hybrid search / cloud / retrieval / models...), on-site,
 *    onsite, on site, in-office, office-based (not onsite interviews);
 *    on-site or in-office with "N days" around it is hybrid. First mention
 *    wins (the title's first).
 *  - Region: London, or rest of UK with the place (Manchester, Edinburgh,
 *    Bristol, Cambridge, Glasgow, Leeds, Birmingham, Oxford, Belfast,
 *    Cardiff, Newcastle, Nottingham, Sheffield, Liverpool, Stevenage...;
 *    Scotland, Northern Ireland), written capitalised. Not "New York",
 *    "Cambridge, MA", "London, Ontario", "outside London", nor one place of
 *    a list of offices abroad ("hubs in San Francisco, Austin and London");
 *    "Reading", "York" and "Wales" need ", UK"/", England"/", Berkshire". */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#if defined(__SSE2__) && !defined(JDC_EXTRACT_SCALAR)
#include <emmintrin.h>
#endif

/* ---- characters and words ------------------------------------------------ */

enum { C_DIGIT = 1, C_UPPER = 2, C_LOWER = 4 };
static const unsigned char CCLASS[256] = {
    ['0' ... '9'] = C_DIGIT, ['A' ... 'Z'] = C_UPPER, ['a' ... 'z'] = C_LOWER,
};

static inline int is_digit(unsigned char c) { return CCLASS[c] & C_DIGIT; }
static inline int is_upper(unsigned char c) { return CCLASS[c] & C_UPPER; }
static inline int is_alpha(unsigned char c)
{
    return CCLASS[c] & (C_UPPER | C_LOWER);
}
static inline int is_alnum(unsigned char c) { return CCLASS[c] != 0; }
static inline unsigned char lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 32) : c;
}

#define U(p, i) ((unsigned char)(p)[i])

typedef struct word {
    size_t s, e;
} word;

/* Longest run of non-word bytes a bounded look crosses. */
#define GAP_MAX 64

/* The next word (run of ASCII letters and digits) at or after `pos`, before
 * `lim`, crossing at most `gap` non-word bytes first. */
static int word_next(const char *t, size_t lim, size_t pos, size_t gap,
                     word *w)
{
    size_t i = pos, stop = (lim - pos > gap) ? pos + gap : lim;
    while (i < stop && !is_alnum(U(t, i)))
        i++;
    if (i >= lim || !is_alnum(U(t, i)))
        return 0;
    w->s = i;
    while (i < lim && is_alnum(U(t, i)))
        i++;
    w->e = i;
    return 1;
}

/* The word ending at or before `pos`, not before `lo`, crossing at most
 * `gap` non-word bytes. */
static int word_prev(const char *t, size_t lo, size_t pos, size_t gap,
                     word *w)
{
    size_t i = pos, stop = (pos - lo > gap) ? pos - gap : lo;
    while (i > stop && !is_alnum(U(t, i - 1)))
        i--;
    if (i <= lo || !is_alnum(U(t, i - 1)))
        return 0;
    w->e = i;
    while (i > lo && is_alnum(U(t, i - 1)))
        i--;
    w->s = i;
    return 1;
}

/* Case-insensitive comparison of a word with a lower-case literal. */
static int weq(const char *t, word w, const char *lit)
{
    size_t n = w.e - w.s, i;
    for (i = 0; i < n; i++)
        if (!lit[i] || lower(U(t, w.s + i)) != (unsigned char)lit[i])
            return 0;
    return lit[i] == '\0';
}

/* Exact-case comparison. */
static int weq_case(const char *t, word w, const char *lit)
{
    size_t n = strlen(lit);
    return w.e - w.s == n && memcmp(t + w.s, lit, n) == 0;
}

/* Index of the word in a NULL-terminated list of lower-case literals, or -1. */
static int win(const char *t, word w, const char *const *list)
{
    size_t n = w.e - w.s;
    if (n > 24 || n == 0)
        return -1;
    unsigned char c = lower(U(t, w.s));
    for (int i = 0; list[i]; i++)
        if ((unsigned char)list[i][0] == c && weq(t, w, list[i]))
            return i;
    return -1;
}

/* The bytes between two words contain one of `chars`. */
static int gap_has(const char *t, size_t a, size_t b, const char *chars)
{
    for (size_t i = a; i < b; i++)
        if (t[i] && strchr(chars, t[i]))
            return 1;
    return 0;
}

/* The gap between two words is only spaces and tabs. */
static int gap_blank(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return 0;
    return 1;
}

/* The gap is a sentence or line boundary: a newline, or . ! ? ; followed by
 * a space or the end of the gap at a space ("e.g." and "p.a." inside a
 * clause are not). */
static int gap_sentence(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        char c = t[i];
        if (c == '\n' || c == '\r' || c == ';' || c == '!' || c == '?')
            return 1;
        if (c == '.' && i + 1 < b &&
            (t[i + 1] == ' ' || t[i + 1] == '\n' || t[i + 1] == '*' ||
             t[i + 1] == '_' || t[i + 1] == '\t'))
            return 1;
    }
    return 0;
}

/* Number words up to fifteen (their index is their value); "twenty" too. */
static const char *const NUMBER_WORDS[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    NULL};

/* Value of a small number word or a 1-2 digit number; -1 otherwise. */
static int small_number(const char *t, word w)
{
    size_t n = w.e - w.s;
    unsigned char c = U(t, w.s);
    if (is_digit(c)) {
        if (n == 1)
            return c - '0';
        if (n == 2 && is_digit(U(t, w.s + 1)))
            return (c - '0') * 10 + (U(t, w.s + 1) - '0');
        return -1;
    }
    c = lower(c);
    if (n < 3 || n > 8 || !(c == 'z' || c == 'o' || c == 't' || c == 'f' ||
                            c == 's' || c == 'e' || c == 'n'))
        return -1;
    if (weq(t, w, "twenty"))
        return 20;
    return win(t, w, NUMBER_WORDS);
}

static void set_span(jdc_span *sp, size_t s, size_t e)
{
    sp->start = (uint32_t)s;
    sp->end = (uint32_t)e;
}

/* The roles of a word in the keyword tables (kw_init(), below). */
enum { KW_NUM = 1, KW_LEVEL = 2, KW_EMP = 4, KW_IR35 = 8, KW_MODE = 16,
       KW_CITY = 32, KW_SALARY = 64, KW_NON_SALARY = 128, KW_PERIOD = 256 };
static unsigned kw_pass_flags(const char *t, word w);  /* KW_NUM...KW_CITY */
static unsigned kw_money_flags(const char *t, word w); /* KW_SALARY... */
/* The word lists did not fit the table: every word gets every flag (and
 * the callers that need exact flags read the lists themselves). */
static int kw_all;

/* ---- seniority --------------------------------------------------------- */

static const char *const STAFF_WORDS[] = {
    "staff", "principal", "lead", "head", "director", "architect", "manager",
    "vp", "chief", "distinguished", "cto", NULL};

static const char *const JUNIOR_WORDS[] = {
    "junior", "jr", "graduate", "grad", "intern", "internship", "trainee",
    "apprentice", "graduates", "interns", "internships", NULL};
static const char *const MID_WORDS[] = {"intermediate", "mid", "middle",
                                        "ssr", NULL};
static const char *const SENIOR_WORDS[] = {"senior", "sr", "snr", NULL};
/* The other words title_level() reacts to (with the next word). */
static const char *const LEVEL_OTHER_WORDS[] = {"vice", "associate", "entry",
                                                "semi", NULL};

/* Level named by a title word (case-insensitive words; the roman numerals
 * and ladder levels are case-sensitive). *end may be moved past a second
 * word ("Senior Staff", "Semi Senior", "Entry Level"). Returns the level, or
 * a negative weak level (-level) for a ladder level, or 0. */
static int title_level(const char *t, size_t te, word w, size_t *end)
{
    word n;
    int has_next = word_next(t, te, w.e, GAP_MAX, &n);
    int adjacent = has_next && gap_blank(t, w.e, n.s) && n.s > w.e;
    *end = w.e;
    if (win(t, w, SENIOR_WORDS) >= 0) {
        /* "Senior Staff", "Senior Principal": a grade of staff level */
        if (adjacent && win(t, n, STAFF_WORDS) >= 0) {
            *end = n.e;
            return JDC_SEN_STAFF;
        }
        return JDC_SEN_SENIOR;
    }
    if (win(t, w, STAFF_WORDS) >= 0) {
        word p;
        /* "Member of Technical Staff" names no level */
        if (weq(t, w, "staff") && word_prev(t, 0, w.s, 2, &p) &&
            weq(t, p, "technical"))
            return 0;
        if (weq(t, w, "lead") && has_next &&
            (weq(t, n, "generation") || weq(t, n, "gen")))
            return 0;
        if (weq(t, w, "head") && has_next && weq(t, n, "count"))
            return 0;
        return JDC_SEN_STAFF;
    }
    if (weq(t, w, "vice") && adjacent && weq(t, n, "president")) {
        *end = n.e;
        return JDC_SEN_STAFF;
    }
    if (weq(t, w, "associate")) {
        if (has_next && win(t, n, STAFF_WORDS) >= 0) {
            *end = n.e;
            return JDC_SEN_STAFF;
        }
        return JDC_SEN_JUNIOR;
    }
    if (weq(t, w, "entry")) {
        if (has_next && weq(t, n, "level")) {
            *end = n.e;
            return JDC_SEN_JUNIOR;
        }
        return 0;
    }
    if (weq(t, w, "semi")) {
        if (has_next && (weq(t, n, "senior") || weq(t, n, "sr"))) {
            *end = n.e;
            return JDC_SEN_MID;
        }
        return 0;
    }
    if (win(t, w, JUNIOR_WORDS) >= 0)
        return JDC_SEN_JUNIOR;
    if (win(t, w, MID_WORDS) >= 0)
        return JDC_SEN_MID;
    /* roman grades: a whole token, not "I/O" or "I'm" */
    if (w.e < te && (t[w.e] == '/' || t[w.e] == '\''))
        return 0;
    if (w.s > 0 && t[w.s - 1] == '/')
        return 0;
    if (weq_case(t, w, "I"))
        return JDC_SEN_JUNIOR;
    if (weq_case(t, w, "II"))
        return JDC_SEN_MID;
    if (weq_case(t, w, "III") || weq_case(t, w, "IV"))
        return JDC_SEN_SENIOR;
    /* ladder level: L1..L12 */
    size_t len = w.e - w.s;
    if ((len == 2 || len == 3) && t[w.s] == 'L' && is_digit(U(t, w.s + 1)) &&
        (len == 2 || is_digit(U(t, w.s + 2)))) {
        int v = len == 2 ? U(t, w.s + 1) - '0'
                         : (U(t, w.s + 1) - '0') * 10 + U(t, w.s + 2) - '0';
        if (v < 1)
            return 0;
        return -(v <= 2 ? JDC_SEN_JUNIOR
                        : v <= 4 ? JDC_SEN_MID
                                 : v == 5 ? JDC_SEN_SENIOR : JDC_SEN_STAFF);
    }
    return 0;
}

/* The years-of-experience phrase starting at number word `w`. Returns the
 * lower bound (>= 0) and its span, or -1. `lo` bounds the look-back. */
static int years_at(const char *t, size_t lo, size_t len, word w,
                    size_t *ss, size_t *se)
{
    static const char *const yrs[] = {"years", "year", "yrs", "yr", "yoe",
                                      NULL};
    static const char *const before_bad[] = {
        "past", "last", "next", "coming", "previous", "founded", "within",
        "every", "each", "first", "after", "since", NULL};
    static const char *const after_bad[] = {
        "ago", "old", "history", "running", "row", "warranty", "guarantee",
        "anniversary", "business", "existence", "track", "horizon", "plan",
        "roadmap", "vesting", "cliff", "term", "contract", "period",
        "commitment", "combined", NULL};
    static const char *const exp_words[] = {
        "experience", "experienced", "exp", "expertise", "background",
        "professional", "industry", "hands", "proven", "commercial",
        "relevant", "practical", NULL};
    int v = small_number(t, w);
    word p1, p2;
    int hp1 = word_prev(t, lo, w.s, 8, &p1);
    int hp2 = hp1 && word_prev(t, lo, p1.s, 8, &p2);
    /* "at least a year" */
    if (v < 0 && (weq(t, w, "a") || weq(t, w, "an")) && hp2 &&
        weq(t, p1, "least") && weq(t, p2, "at"))
        v = 1;
    if (v < 0 || v > 30)
        return -1;
    /* not part of a larger number, a version or a money amount */
    if (w.s > lo) {
        unsigned char p = U(t, w.s - 1);
        if (p == '.' || p == ',' || p == '$' || p == '/' || p == 0xA3 ||
            p == 0xAC)
            return -1;
    }
    if (w.e < len && (t[w.e] == '%' || t[w.e] == '.' || t[w.e] == ','))
        if (!(t[w.e] == '.' && w.e + 1 < len && t[w.e + 1] == ' '))
            return -1;
    int marker = 0;
    size_t start = w.s;
    if (hp1 && !gap_sentence(t, p1.e, w.s)) {
        if (win(t, p1, before_bad) >= 0)
            return -1;
        /* the upper bound of a range: "3 - 5 years", "3 to 5 years" */
        if (small_number(t, p1) >= 0 &&
            (gap_has(t, p1.e, w.s, "-~") || gap_has(t, p1.e, w.s, "\x93\x94")))
            return -1;
        if ((weq(t, p1, "to") || weq(t, p1, "or")) && hp2 &&
            small_number(t, p2) >= 0)
            return -1;
        if (weq(t, p1, "minimum") || weq(t, p1, "min")) {
            marker = 1;
            start = p1.s;
        } else if (weq(t, p1, "least") && hp2 && weq(t, p2, "at")) {
            marker = 1;
            start = p2.s;
        } else if (weq(t, p1, "of") && hp2 && weq(t, p2, "minimum")) {
            marker = 1;
            start = p2.s;
        }
    }
    word n;
    size_t pos = w.e;
    if (!word_next(t, len, pos, 12, &n))
        return -1;
    /* "five (5) years" */
    if (gap_has(t, pos, n.s, "(") && small_number(t, n) == v) {
        pos = n.e;
        if (!word_next(t, len, pos, 12, &n))
            return -1;
    }
    if (gap_has(t, pos, n.s, "+"))
        marker = 1;
    /* range: 3-5, 3 – 5, 3 to 5, 3 or 4 */
    int range = 0;
    if (small_number(t, n) >= 0 &&
        (gap_has(t, pos, n.s, "-~") || gap_has(t, pos, n.s, "\x93\x94"))) {
        range = 1;
    } else if ((weq(t, n, "to") || weq(t, n, "or")) && !gap_has(t, pos, n.s, "+")) {
        word m;
        if (word_next(t, len, n.e, 8, &m) && small_number(t, m) >= 0) {
            n = m;
            range = 1;
        } else if (weq(t, n, "or") && word_next(t, len, n.e, 8, &m) &&
                   (weq(t, m, "more") || weq(t, m, "greater"))) {
            marker = 1;
            n = m;
            pos = m.e;
            if (!word_next(t, len, pos, 12, &n))
                return -1;
        }
    }
    if (range) {
        pos = n.e;
        if (!word_next(t, len, pos, 12, &n))
            return -1;
        if (gap_has(t, pos, n.s, "+"))
            marker = 1;
    }
    if (weq(t, n, "plus")) {
        marker = 1;
        pos = n.e;
        if (!word_next(t, len, pos, 12, &n))
            return -1;
    }
    if (win(t, n, yrs) < 0 || gap_sentence(t, pos, n.s))
        return -1;
    size_t end = n.e;
    /* what follows: "of experience", "ago"... */
    int ctx = weq(t, n, "yoe"); /* years of experience */
    size_t q = n.e;
    for (int k = 0; k < 8; k++) {
        word a;
        if (!word_next(t, len, q, GAP_MAX, &a) || gap_sentence(t, q, a.s))
            break;
        if (k < 3 && win(t, a, after_bad) >= 0)
            return -1;
        if (k < 2 && (weq(t, a, "of") || weq(t, a, "in"))) {
            word b;
            if (word_next(t, len, a.e, 8, &b) &&
                (weq(t, b, "age") || weq(t, b, "service")))
                return -1;
        }
        if (win(t, a, exp_words) >= 0 || weq(t, a, "working") ||
            weq(t, a, "building") || weq(t, a, "developing") ||
            weq(t, a, "shipping") || weq(t, a, "designing") ||
            weq(t, a, "deploying"))
            ctx = 1;
        q = a.e;
    }
    /* or what precedes in the clause: "experience: 3 years" */
    if (!ctx) {
        size_t b = w.s;
        for (int k = 0; k < 6; k++) {
            word a;
            if (!word_prev(t, lo, b, GAP_MAX, &a) || gap_sentence(t, a.e, b))
                break;
            if (win(t, a, exp_words) >= 0) {
                ctx = 1;
                break;
            }
            b = a.s;
        }
    }
    if (!ctx && !marker)
        return -1;
    *ss = start;
    *se = end;
    return v;
}

/* Nouns that end a role's name. */
static const char *const ROLE_NOUNS[] = {
    "engineer", "engineers", "developer", "developers", "scientist",
    "scientists", "architect", "architects", "analyst", "analysts",
    "manager", "managers", "consultant", "specialist", "administrator",
    "designer", "researcher", "researchers", "programmer", "intern",
    "interns", "internship", "graduate", "graduates", "apprentice",
    "trainee", "lead", "leader", "director", "head", "member", "officer",
    "sre", "swe", "mle", "associate", "expert", NULL};

/* "Lead the design", "head up": a verb before a lower-case word that is
 * not a role noun, not the level. */
static int lead_verb(const char *t, size_t lim, word w)
{
    word n;
    return (weq(t, w, "lead") || weq(t, w, "head")) &&
           word_next(t, lim, w.e, 2, &n) && gap_blank(t, w.e, n.s) &&
           !is_upper(U(t, n.s)) && win(t, n, ROLE_NOUNS) < 0;
}

/* The role's level restated in the body: "As a Senior ML Engineer",
 * "we are seeking an experienced Staff Engineer", "Role: Senior ...",
 * "Seniority level: Mid", "senior-level experience". Word `w` is the level
 * word candidate; returns its level (0: not such a statement). */
static int body_level(const char *t, size_t lo, size_t len, word w,
                      size_t *ss, size_t *se)
{
    static const char *const verbs[] = {
        "as", "seeking", "hire", "hiring", "for", "need", "needs", "want",
        "wants", "recruiting", "seek", "welcome", NULL};
    static const char *const adjs[] = {
        "experienced", "talented", "skilled", "motivated", "passionate",
        "highly", "exceptional", "strong", "driven", "accomplished",
        "seasoned", "enthusiastic", "outstanding", "ambitious", "curious",
        "dedicated", "proactive", "creative", "innovative", NULL};
    static const char *const heads[] = {"role", "position", "title", "level",
                                        "seniority", "description", NULL};
    static const char *const nouns[] = {
        "engineer", "engineers", "developer", "scientist", "architect",
        "analyst", "manager", "consultant", "specialist", "administrator",
        "designer", "researcher", "programmer", "sre", "devops", "software",
        "machine", "ml", "ai", "data", "backend", "frontend", "full", "site",
        "platform", "cloud", "mlops", "llm", "infrastructure", "systems",
        "research", "applied", "product", "technical", "python", "java",
        "net", "security", "qa", "test", "solutions", NULL};
    size_t end;
    int lv = title_level(t, len, w, &end);
    if (lv <= 0 || lv > JDC_SEN_STAFF || lead_verb(t, len, w))
        return 0;
    /* roman numerals and ladder levels only count in the title */
    if (is_upper(U(t, w.s)) && w.e - w.s <= 4 &&
        (weq_case(t, w, "I") || weq_case(t, w, "II") || weq_case(t, w, "III") ||
         weq_case(t, w, "IV")))
        return 0;
    word n, p1, p2;
    /* "senior-level experience", "Senior level role" */
    if (word_next(t, len, end, 2, &n) && weq(t, n, "level") &&
        (t[end] == '-' || t[end] == ' ') && n.s == end + 1) {
        word m;
        if (word_next(t, len, n.e, GAP_MAX, &m) && !gap_sentence(t, n.e, m.s) &&
            (weq(t, m, "experience") || weq(t, m, "role") ||
             weq(t, m, "position"))) {
            *ss = w.s;
            *se = m.e;
            return lv;
        }
    }
    if (!word_prev(t, lo, w.s, 8, &p1))
        return 0;
    /* "Role: Senior ...", "Seniority Level: Mid" */
    if (gap_has(t, p1.e, w.s, ":") && !gap_has(t, p1.e, w.s, "\n") &&
        win(t, p1, heads) >= 0) {
        *ss = w.s;
        *se = end;
        return lv;
    }
    if (gap_sentence(t, p1.e, w.s))
        return 0;
    if (win(t, p1, adjs) >= 0) {
        if (!word_prev(t, lo, p1.s, 8, &p1) || gap_sentence(t, p1.e, w.s))
            return 0;
        if (weq(t, p1, "and") && !(word_prev(t, lo, p1.s, 8, &p1) &&
                                   win(t, p1, adjs) >= 0 &&
                                   word_prev(t, lo, p1.s, 8, &p1)))
            return 0;
    }
    if (!(weq(t, p1, "a") || weq(t, p1, "an")) ||
        !word_prev(t, lo, p1.s, 8, &p2) || win(t, p2, verbs) < 0)
        return 0;
    /* followed by a role noun: "Senior Software Engineer", not "a senior
     * member" */
    word a = {end, end};
    for (int k = 0; k < 3; k++) {
        word b;
        if (!word_next(t, len, a.e, 4, &b) || gap_sentence(t, a.e, b.s))
            return 0;
        if (win(t, b, nouns) >= 0) {
            *ss = w.s;
            *se = end;
            return lv;
        }
        a = b;
    }
    return 0;
}

/* ---- seniority in the body: where adverts without a level title put it --
 *
 * Adverts collected by job boards often carry no title line (the board
 * keeps the title in a separate field) and Hacker News posts name the role
 * in a "Company | Role | Place" header or in a list of openings. When the
 * title names no level, body_scan() reads the body once and keeps, for each
 * kind of statement below, the first that names a level (kinds in order of
 * precedence):
 *  - FIELD: a labelled title field at a line's start ("Job Title:",
 *    "Position:", "Role:", "Title:", "Seniority:", "Experience Level:",
 *    "Job Category:", "Position Type:"): the first level word in the rest
 *    of the line (eight words at most).
 *  - HEADER: a "Company | Role | Place | Full-time" line (two '|' or more)
 *    among the first eight lines: the first level word after the first
 *    field, not an add-on ("Full-time + Intern").
 *  - STATEMENT: the role named in a sentence that introduces it: "As a
 *    Senior ML Engineer", "we are looking for an AI Solutions Architect",
 *    "seeking Computer Vision Interns", "As an Applied Scientist III": a
 *    level word in the noun phrase, up to its role noun ("engineer",
 *    "scientist", "architect", "intern", "member"...), or a roman grade
 *    right after the noun.
 *  - PROGRAMME: an internship, co-op or student programme (as junior):
 *    two mentions of intern / internship / co-op that are the role's own
 *    (not "mentor interns", "prior internship experience", "our
 *    internships, co-ops and full-time careers", "also consider internship
 *    requests", nor a list of openings), or a student requirement
 *    ("currently pursuing a Master's degree", "must be enrolled in a
 *    degree program", "currently a candidate for a PhD"; not "enrolled in
 *    or completed").
 *  - LIST: the first opening of a list of roles that names a level: a line
 *    that starts with a role ("* Senior Product Engineer", "Senior AI
 *    Engineer | $180k", "Lead Engineer: own the ...") or a role followed by
 *    its level in brackets ("Fullstack Engineer (Senior)", "(Staff+)").
 * These come before the years of experience (the level a post gives its
 * role is what the rubric reads first); then the years; then rule 3. */
enum { BS_FIELD, BS_HEADER, BS_STATEMENT, BS_PROGRAMME, BS_LIST, BS_KINDS };

typedef struct bscand {
    int lv;
    size_t s, e;
} bscand;

/* An opening of a list of roles: its level (0: none named), the level's
 * span and the words of its description (the rest of its paragraph, not
 * counting links). */
#define BS_ENTRIES 16
typedef struct bsentry {
    int lv;
    size_t s, e;
    size_t from; /* end of the role's name: its description follows */
    long words;
} bsentry;


/* Level words that are themselves the role's noun ("As an intern"). */
static int level_noun(const char *t, word w)
{
    static const char *const nouns[] = {
        "intern", "interns", "internship", "graduate", "graduates",
        "apprentice", "trainee", "lead", "director", "manager", "architect",
        "head", "principal", "associate", "cto", "vp", NULL};
    return win(t, w, nouns) >= 0;
}

/* Roman grade right after a role noun ("Engineer II"), case-sensitive. */
static int roman_grade(const char *t, word w)
{
    if (weq_case(t, w, "I"))
        return JDC_SEN_JUNIOR;
    if (weq_case(t, w, "II"))
        return JDC_SEN_MID;
    if (weq_case(t, w, "III") || weq_case(t, w, "IV"))
        return JDC_SEN_SENIOR;
    return 0;
}

static void bs_keep(bscand *c, int lv, size_t s, size_t e)
{
    if (!c->lv && lv > 0 && lv <= JDC_SEN_STAFF) {
        c->lv = lv;
        c->s = s;
        c->e = e;
    }
}

/* A level word usable in the body: not a roman numeral or ladder level
 * (those only count in a title or right after a role noun). */
static int body_word_level(const char *t, size_t lim, word w, size_t *end)
{
    if (roman_grade(t, w))
        return 0;
    int lv = title_level(t, lim, w, end);
    if (lv <= 0)
        return 0;
    return lead_verb(t, lim, w) ? 0 : lv;
}

/* The noun phrase naming a role from word `w` on (at most `maxw` words,
 * within the clause): its level (the first level word in it, or a roman
 * grade right after its noun), -1 when it reaches a role noun with no
 * level, 0 when it reaches none. *ps, *pe: the level's span; *after: the
 * end of the phrase. */
static int role_phrase(const char *t, size_t len, word w, int maxw,
                       size_t *ps, size_t *pe, size_t *after)
{
    static const char *const stop[] = {
        "to", "on", "in", "at", "who", "that", "with", "you", "will", "of",
        "for", "is", "are", "the", "this", "our", "your", "we", "from",
        "within", "where", "which", "by", "role", "team", "position", NULL};
    /* verbs ("Mentor and guide junior engineers"), unless they name the
     * role's field ("Support Engineer", "Training Manager") */
    static const char *const verbs[] = {
        "mentor", "mentoring", "mentored", "guide", "guiding", "coach",
        "coaching", "manage", "managing", "support", "supporting", "help",
        "helping", "train", "training", "grow", "growing", "hire", "hiring",
        "onboard", "onboarding", "work", "working", "collaborate",
        "collaborating", "partner", "partnering", "alongside", "experience",
        "experiencing", NULL};
    int lv = 0;
    size_t ls = 0, le = 0;
    for (int k = 0; k < maxw; k++) {
        if (k > 0) {
            word n;
            if (!word_next(t, len, w.e, 8, &n) || gap_sentence(t, w.e, n.s) ||
                gap_has(t, w.e, n.s, ",:(|+"))
                return 0;
            w = n;
        }
        if (win(t, w, stop) >= 0)
            return 0;
        word nx;
        if (win(t, w, verbs) >= 0 &&
            !(word_next(t, len, w.e, 2, &nx) && win(t, nx, ROLE_NOUNS) >= 0))
            return 0;
        size_t end = w.e;
        word first = w;
        int wl = body_word_level(t, len, w, &end);
        if (end > w.e) /* "Senior Staff", "Entry Level": the last word */
            word_prev(t, w.s, end, 0, &w);
        if (wl && !lv) {
            lv = wl;
            ls = first.s;
            le = end;
        }
        if (win(t, w, ROLE_NOUNS) >= 0 || (wl && level_noun(t, first))) {
            word r;
            int g;
            if (word_next(t, len, w.e, 1, &r) && gap_blank(t, w.e, r.s) &&
                (g = roman_grade(t, r))) {
                if (!lv) {
                    lv = g;
                    ls = r.s;
                    le = r.e;
                }
                w.e = r.e;
            }
            *after = w.e;
            if (!lv)
                return -1; /* a role that names no level */
            *ps = ls;
            *pe = le;
            return lv;
        }
    }
    return 0;
}

/* A labelled title field at the line's start, words w0..: "Job Title:",
 * "Position:", "Role:", "Seniority Level:"... Returns the end of the label
 * (the byte after ':'), or 0. */
static size_t field_label(const char *t, size_t le, word w0)
{
    static const char *const last[] = {"title", "position", "role", "level",
                                       "seniority", "category", "type",
                                       NULL};
    static const char *const first[] = {"job", "position", "role",
                                        "experience", "seniority", "career",
                                        "employment", NULL};
    word w = w0, prev = {0, 0};
    for (int k = 0; k < 2; k++) {
        size_t p = w.e;
        while (p < le && (t[p] == ' ' || t[p] == '*' || t[p] == '_'))
            p++;
        if (p < le && t[p] == ':') {
            if (win(t, w, last) < 0 || (k == 1 && win(t, prev, first) < 0))
                return 0;
            return p + 1;
        }
        prev = w;
        if (!word_next(t, le, w.e, 2, &w) || !gap_blank(t, prev.e, w.s))
            return 0;
    }
    return 0;
}

/* The line goes on after `p` with a separator that ends a role's name in a
 * list of openings (':' '|' '(' ',' '-' '/' an en or em dash, "\-") or
 * ends there. */
static int role_end(const char *t, size_t le, size_t p)
{
    while (p < le && (t[p] == ' ' || t[p] == '\t' || t[p] == '*' ||
                      t[p] == '_' || t[p] == '\r' || t[p] == '\\'))
        p++;
    if (p >= le)
        return 1;
    unsigned char c = U(t, p);
    if (c == ':' || c == '|' || c == '(' || c == ',' || c == '-' || c == '/')
        return 1;
    return c == 0xE2 && p + 2 < le && U(t, p + 1) == 0x80 &&
           (U(t, p + 2) == 0x93 || U(t, p + 2) == 0x94);
}

/* Intern words: intern(s), internship(s), co-op(s). */
static int intern_word(const char *t, size_t len, word w)
{
    static const char *const words[] = {"intern", "interns", "internship",
                                        "internships", NULL};
    if (win(t, w, words) >= 0)
        return 1;
    word n;
    return weq(t, w, "co") && w.e + 1 < len && t[w.e] == '-' &&
           word_next(t, len, w.e, 1, &n) && (weq(t, n, "op") ||
                                             weq(t, n, "ops"));
}

/* An intern word at w that is about the role itself: not "mentor
 * interns", "prior internship experience", "our internships, co-ops and
 * full-time careers", "also consider internship requests". */
static int intern_own(const char *t, size_t ls, size_t len, word w)
{
    static const char *const before_bad[] = {
        "mentor", "mentors", "mentoring", "mentored", "previous", "prior",
        "past", "also", "former", "other", "manage", "managing", "supervise",
        "supervising", "and", "or", "any", "through", NULL};
    static const char *const after_bad[] = {"experience", "experiences",
                                            "requests", "and", "or", "also",
                                            NULL};
    size_t b = w.s;
    for (int k = 0; k < 3; k++) {
        word p;
        if (!word_prev(t, ls, b, 8, &p) || gap_sentence(t, p.e, b))
            break;
        if (win(t, p, before_bad) >= 0)
            return 0;
        b = p.s;
    }
    size_t e = w.e;
    if (weq(t, w, "co")) /* co-op */
        e = w.e + 3 < len && is_alpha(U(t, w.e + 3)) ? w.e + 4 : w.e + 3;
    if (e < len && t[e] == ',')
        return 0;
    for (int k = 0; k < 2; k++) {
        word n;
        if (!word_next(t, len, e, 8, &n) || gap_sentence(t, e, n.s))
            break;
        if (win(t, n, after_bad) >= 0)
            return 0;
        e = n.e;
    }
    return 1;
}

/* A student requirement at w ("enrolled", "pursuing", "candidate"):
 * "currently pursuing a Master's degree", "must be enrolled in a degree
 * program", "currently a candidate for a PhD". Sets the span. */
static int student_at(const char *t, size_t lo, size_t len, word w,
                      size_t *ss, size_t *se)
{
    static const char *const degree[] = {
        "degree", "program", "programme", "university", "college",
        "bachelor", "bachelors", "master", "masters", "phd", "school",
        "undergraduate", "graduate", "ms", "bs", "msc", "bsc", "doctoral",
        NULL};
    static const char *const before[] = {"currently", "actively",
                                         "presently", "be", "being", NULL};
    word p, n;
    int enrolled = weq(t, w, "enrolled");
    if (weq(t, w, "student") || weq(t, w, "students")) {
        /* "Current PhD or master's student", "currently a student" */
        size_t b = w.s;
        for (int k = 0; k < 5; k++) {
            if (!word_prev(t, lo, b, 8, &p) || gap_sentence(t, p.e, b))
                return 0;
            if (weq(t, p, "current") || weq(t, p, "currently") ||
                weq(t, p, "enrolled")) {
                *ss = p.s;
                *se = w.e;
                return 1;
            }
            b = p.s;
        }
        return 0;
    }
    if (!enrolled && !weq(t, w, "pursuing") && !weq(t, w, "candidate"))
        return 0;
    if (!word_prev(t, lo, w.s, 8, &p) || gap_sentence(t, p.e, w.s)) {
        /* a requirement that starts with it: "Enrolled in a degree" */
        if (!enrolled || !word_next(t, len, w.e, 4, &n) || !weq(t, n, "in"))
            return 0;
        p = w;
    } else if (weq(t, w, "candidate")) { /* "currently a candidate for" */
        word q;
        if (!weq(t, p, "a") || !word_prev(t, lo, p.s, 8, &q) ||
            !weq(t, q, "currently"))
            return 0;
        p = q;
    } else if (p.s != w.s && win(t, p, before) < 0 &&
               !(enrolled && weq(t, p, "student")))
        return 0;
    size_t e = w.e;
    for (int k = 0; k < 8; k++) {
        if (!word_next(t, len, e, 8, &n) || gap_sentence(t, e, n.s))
            return 0;
        /* "enrolled in or completed" */
        if (k < 2 && weq(t, n, "or")) {
            word m;
            if (word_next(t, len, n.e, 8, &m) &&
                (weq(t, m, "completed") || weq(t, m, "have") ||
                 weq(t, m, "hold")))
                return 0;
        }
        if (win(t, n, degree) >= 0) {
            *ss = p.s;
            *se = n.e;
            return 1;
        }
        e = n.e;
    }
    return 0;
}

/* The words that introduce the role in a sentence ("As a", "looking for
 * a", "seeking", "hiring"). Returns 1 when w is one, 2 when the article
 * may be left out ("seeking Computer Vision Interns"). */
static int statement_verb(const char *t, size_t lo, word w)
{
    static const char *const verbs[] = {
        "seeking", "seek", "seeks", "hire", "hiring", "recruiting", "need",
        "needs", "want", "wants", "welcome", "offer", "offers", "offering",
        NULL};
    static const char *const for_after[] = {
        "looking", "searching", "search", "hiring", "opening", "recruiting",
        NULL};
    static const char *const as_after[] = {
        "experience", "experienced", "years", "worked", "working", "work",
        "background", "career", "time", "yrs", NULL};
    static const char *const exp_clause[] = {
        "experience", "experienced", "years", "yrs", "have", "has", "had",
        "worked", "served", "background", NULL};
    word p;
    if (weq(t, w, "as")) {
        /* "4+ years of experience as a solutions architect", "You have led
         * projects as a tech lead": what the candidate has been */
        size_t b = w.s;
        for (int k = 0; k < 12; k++) {
            if (!word_prev(t, lo, b, 8, &p) || gap_sentence(t, p.e, b))
                break;
            if (win(t, p, exp_clause) >= 0 ||
                (k == 0 && win(t, p, as_after) >= 0))
                return 0;
            b = p.s;
        }
        return 1;
    }
    if (win(t, w, verbs) >= 0)
        return 2;
    if (weq(t, w, "for") && word_prev(t, lo, w.s, 8, &p) &&
        !gap_sentence(t, p.e, w.s) && win(t, p, for_after) >= 0)
        return 2;
    return 0;
}

/* A word that may start one of the per-word statements below (its first
 * two letters: "as", "for", "seeking", "hiring", "intern", "co-op",
 * "enrolled", "pursuing", "candidate", "student", "entry", "roles"...):
 * the other words skip the closer looks. */
static int bs_trigger(const char *t, word w)
{
    size_t n = w.e - w.s;
    if (n < 2 || n > 11)
        return 0;
    unsigned char a = lower(U(t, w.s)), b = lower(U(t, w.s + 1));
    switch (a) {
    case 'a': return b == 's';
    case 'c': return b == 'o' || b == 'a';
    case 'e': return b == 'n';
    case 'f': return b == 'o';
    case 'h': return b == 'i';
    case 'i': return b == 'n';
    case 'n': return b == 'e';
    case 'o': return b == 'f' || b == 'p';
    case 'p': return b == 'u' || b == 'o';
    case 'r': return b == 'e' || b == 'o';
    case 's': return b == 'e' || b == 't';
    case 'w': return b == 'a' || b == 'e';
    default: return 0;
    }
}

/* One reading of the body for the statements above; c[BS_KINDS]. With
 * `fields_only`, only the labelled fields (the others would not decide). */
static void body_scan(const char *t, size_t from, size_t len, bscand *c,
                      int fields_only)
{
    memset(c, 0, BS_KINDS * sizeof *c);
    bsentry ents[BS_ENTRIES];
    int ne = 0, cur = -1, blank_before = 0;
    int nline = 0, interns = 0;
    size_t is_ = 0, ie_ = 0;
    size_t i = from;
    while (i < len) {
        size_t ls = i;
        const char *nl = memchr(t + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - t) : len;
        i = le + 1;
        word w0;
        if (!word_next(t, le, ls, le - ls, &w0)) {
            blank_before = 1;
            continue;
        }
        nline++;
        size_t ps = 0, pe = 0, after = 0;
        int lv;
        /* FIELD */
        size_t fe = field_label(t, le, w0);
        if (fe && !c[BS_FIELD].lv) {
            word w;
            size_t pos = fe, end;
            for (int k = 0; k < 8 && word_next(t, le, pos, SIZE_MAX, &w); k++) {
                if ((lv = body_word_level(t, le, w, &end))) {
                    bs_keep(&c[BS_FIELD], lv, w.s, end);
                    break;
                }
                pos = w.e;
            }
        }
        if (fields_only)
            continue;
        /* HEADER */
        int pipes = 0;
        const char *bar1 = memchr(t + ls, '|', le - ls);
        if (bar1)
            pipes = 1 + (memchr(bar1 + 1, '|', (size_t)(t + le - bar1 - 1)) !=
                         NULL);
        if (pipes >= 2 && nline <= 8 && le - ls < 600 && !c[BS_HEADER].lv) {
            /* the first field after the company's that starts with a
             * role: its level ("Software Engineers and Project Lead":
             * none) */
            const char *bar = memchr(t + ls, '|', le - ls);
            while (bar) {
                size_t fs = (size_t)(bar - t) + 1;
                const char *nb = memchr(t + fs, '|', le - fs);
                size_t fe2 = nb ? (size_t)(nb - t) : le;
                word w;
                if (word_next(t, fe2, fs, fe2 - fs, &w) &&
                    (lv = role_phrase(t, fe2, w, 6, &ps, &pe, &after))) {
                    if (lv > 0)
                        bs_keep(&c[BS_HEADER], lv, ps, pe);
                    break;
                }
                bar = nb;
            }
        }
        /* LIST: a line that starts with a role ("- Senior AI Engineer:
         * ...") opens an entry of the list of openings, which runs to the
         * end of its paragraph */
        if (blank_before)
            cur = -1;
        blank_before = 0;
        word lw = w0;
        if (is_digit(U(t, w0.s)) && w0.e < le &&
            (t[w0.e] == '.' || t[w0.e] == ')' || t[w0.e] == ']'))
            word_next(t, le, w0.e, 4, &lw);
        if (!fe && lw.s < le &&
            (lv = role_phrase(t, le, lw, 6, &ps, &pe, &after)) != 0 &&
            after > lw.e && /* two words at least: not "Architect, build" */
            role_end(t, le, after) && ne < BS_ENTRIES) {
            ents[ne].lv = lv > 0 ? lv : 0;
            ents[ne].s = ps;
            ents[ne].e = pe;
            ents[ne].words = 0;
            ents[ne].from = after;
            cur = ne++;
        }
        /* the words of the line */
        int roles_line = pipes > 0;
        word w = w0, prev = {0, 0};
        for (;;) {
            size_t end;
            int trig = bs_trigger(t, w);
            if (trig && !roles_line && (weq(t, w, "roles") || weq(t, w, "openings") ||
                                weq(t, w, "positions")))
                roles_line = 1;
            /* STATEMENT */
            int sv;
            if (trig && !c[BS_STATEMENT].lv &&
                (sv = statement_verb(t, ls, w))) {
                word n;
                if (word_next(t, le, w.e, 4, &n) &&
                    !gap_sentence(t, w.e, n.s)) {
                    int art = weq(t, n, "a") || weq(t, n, "an");
                    word m = n;
                    if (art && !word_next(t, le, n.e, 4, &m))
                        art = -1;
                    if (art >= 0 && (art || sv == 2) &&
                        (lv = role_phrase(t, le, m, 7, &ps, &pe, &after)) >
                            0) {
                        word lw2 = {ps, ps};
                        word_next(t, le, ps, 0, &lw2);
                        /* without an article, only a level word proper
                         * ("hiring senior engineers", not "hiring
                         * manager") */
                        if (art || win(t, lw2, STAFF_WORDS) < 0)
                            bs_keep(&c[BS_STATEMENT], lv, ps, pe);
                    }
                }
            }
            /* PROGRAMME */
            if (trig && !c[BS_PROGRAMME].lv) {
                if (intern_word(t, len, w)) {
                    if (!roles_line && intern_own(t, ls, len, w) &&
                        ++interns == 1) {
                        is_ = w.s;
                        ie_ = w.e;
                    }
                    if (interns >= 2)
                        bs_keep(&c[BS_PROGRAMME], JDC_SEN_JUNIOR, is_, ie_);
                } else if (student_at(t, ls, le, w, &ps, &pe)) {
                    bs_keep(&c[BS_PROGRAMME], JDC_SEN_JUNIOR, ps, pe);
                } else if (weq(t, w, "entry") &&
                           role_phrase(t, le, w, 6, &ps, &pe, &after) ==
                               JDC_SEN_JUNIOR) {
                    /* "Entry Level AI Engineer" */
                    bs_keep(&c[BS_PROGRAMME], JDC_SEN_JUNIOR, ps, pe);
                }
            }
            /* LIST: "Fullstack Engineer (Senior)", "(Staff+)" */
            if (!c[BS_LIST].lv && prev.e && w.s > 0 && t[w.s - 1] == '(' &&
                (lv = body_word_level(t, le, w, &end)) && end < le &&
                (t[end] == ')' ||
                 (t[end] == '+' && end + 1 < le && t[end + 1] == ')')))
                bs_keep(&c[BS_LIST], lv, w.s, end);
            prev = w;
            /* the words of the text, not of links ("jobs.example.com/x") */
            if (cur >= 0 && w.s >= ents[cur].from &&
                (w.s == 0 || !strchr("/.-=?&#_%", t[w.s - 1])))
                ents[cur].words++;
            if (!word_next(t, le, w.e, SIZE_MAX, &w))
                break;
        }
    }
    /* the entry the post spends most words on (the first of equals) */
    int best = -1;
    for (int k = 0; k < ne; k++)
        if (best < 0 || ents[k].words > ents[best].words)
            best = k;
    if (best >= 0 && ents[best].lv)
        bs_keep(&c[BS_LIST], ents[best].lv, ents[best].s, ents[best].e);
}

/* Seniority state across the single pass of jdc__extract(). */
#define LEVEL_CANDS 32
typedef struct senstate {
    int done;            /* decided by the title */
    int title_role;      /* the title names a role ("Data Engineer") */
    int weak;            /* ladder level of the title (rule 4) */
    size_t weak_s, weak_e;
    size_t from;         /* where the body starts */
    int best;            /* largest years lower bound so far, -1 none */
    size_t bs, be;
    /* level words of the body, in order, for rule 3 */
    word lev[LEVEL_CANDS];
    size_t nlev;
    size_t lev_more;     /* the first one not kept (SIZE_MAX: none) */
} senstate;

/* Rule 1: the title's level words. Sets st->done when one decides. */
static void seniority_title(jdc_extract *x, const char *t, size_t ts,
                            size_t te, senstate *st)
{
    st->done = st->weak = st->title_role = 0;
    st->weak_s = st->weak_e = 0;
    st->best = -1;
    st->bs = st->be = 0;
    st->nlev = 0;
    st->lev_more = SIZE_MAX;
    st->from = te > ts ? te : 0;
    if (te > ts) {
        word w;
        size_t pos = ts;
        while (word_next(t, te, pos, SIZE_MAX, &w)) {
            size_t end;
            int lv = title_level(t, te, w, &end);
            if (lv > 0) {
                x->seniority = lv;
                set_span(&x->seniority_span, w.s, end);
                st->done = 1;
                return;
            }
            if (win(t, w, ROLE_NOUNS) >= 0)
                st->title_role = 1;
            if (lv < 0 && !st->weak) {
                st->weak = -lv;
                st->weak_s = w.s;
                st->weak_e = w.e;
            }
            pos = end;
        }
    }
}

/* Rule 2, one body word: the years of experience asked for; the largest
 * lower bound wins (the general requirement; smaller ones are usually per
 * tool), the first of equals. */
static void seniority_years(const char *t, size_t len, senstate *st, word w)
{
    size_t ss, se;
    int v = years_at(t, st->from, len, w, &ss, &se);
    if (v > st->best) {
        st->best = v;
        st->bs = ss;
        st->be = se;
    }
}

/* Rule 3, one body word that is a level word (the others cannot restate
 * the level): kept for after the pass. */
static void seniority_level_word(senstate *st, word w)
{
    if (st->nlev < LEVEL_CANDS)
        st->lev[st->nlev++] = w;
    else if (st->lev_more == SIZE_MAX)
        st->lev_more = w.s;
}

/* Rule 3 at level word w: sets the seniority when w restates it. */
static int seniority_body(jdc_extract *x, const char *t, size_t len,
                          const senstate *st, word w)
{
    size_t ss, se;
    int lv = body_level(t, st->from, len, w, &ss, &se);
    if (lv > 0) {
        x->seniority = lv;
        set_span(&x->seniority_span, ss, se);
        return 1;
    }
    return 0;
}

/* After the pass: rule 2's result, else rule 3 (the first level word that
 * restates the role's level: "As a Senior ML Engineer"), else rule 4. */
static void seniority_finish(jdc_extract *x, const char *t, size_t len,
                             const senstate *st)
{
    if (st->done)
        return;
    /* a title that names the role (with no level): only a labelled
     * field comes before the years; the body's other statements after
     * them (they may be about another role: a template's leftover "As a
     * Senior Backend Developer" under "Data Engineer") */
    bscand c[BS_KINDS];
    int before_years = st->title_role ? BS_FIELD + 1 : BS_KINDS;
    body_scan(t, st->from, len, c, before_years == BS_FIELD + 1 &&
                                       st->best >= 0);
    for (int k = 0; k < before_years; k++)
        if (c[k].lv) {
            x->seniority = c[k].lv;
            set_span(&x->seniority_span, c[k].s, c[k].e);
            return;
        }
    if (st->best >= 0) {
        x->seniority = st->best < 2 ? JDC_SEN_JUNIOR
                       : st->best < 5 ? JDC_SEN_MID : JDC_SEN_SENIOR;
        set_span(&x->seniority_span, st->bs, st->be);
        return;
    }
    for (int k = before_years; k < BS_KINDS; k++)
        if (c[k].lv) {
            x->seniority = c[k].lv;
            set_span(&x->seniority_span, c[k].s, c[k].e);
            return;
        }
    for (size_t k = 0; k < st->nlev; k++)
        if (seniority_body(x, t, len, st, st->lev[k]))
            return;
    if (st->lev_more != SIZE_MAX) { /* more than were kept: read on */
        size_t pos = st->lev_more;
        word w;
        while (word_next(t, len, pos, SIZE_MAX, &w)) {
            pos = w.e;
            if ((kw_pass_flags(t, w) & KW_LEVEL) &&
                seniority_body(x, t, len, st, w))
                return;
        }
    }
    if (st->weak) {
        x->seniority = st->weak;
        set_span(&x->seniority_span, st->weak_s, st->weak_e);
    }
}

/* ---- money --------------------------------------------------------------- */

typedef struct currency {
    char code[4];
    double scale; /* rough units per US dollar, for the plausibility ranges */
} currency;

static const currency CURRENCIES[] = {
    {"GBP", 1},    {"USD", 1},     {"EUR", 1},    {"CAD", 1},
    {"AUD", 1},    {"CHF", 1},     {"NZD", 1},    {"SGD", 1},
    {"HKD", 8},    {"CNY", 7},     {"JPY", 150},  {"INR", 80},
    {"SEK", 10},   {"NOK", 10},    {"DKK", 7},    {"PLN", 4},
    {"CZK", 23},   {"HUF", 350},   {"RON", 4.5},  {"BGN", 1.8},
    {"ILS", 3.7},  {"AED", 3.7},   {"SAR", 3.7},  {"ZAR", 18},
    {"BRL", 5},    {"MXN", 17},    {"ARS", 1000}, {"CLP", 900},
    {"COP", 4000}, {"PEN", 3.7},   {"UYU", 40},   {"TRY", 35},
    {"UAH", 40},   {"KRW", 1350},  {"TWD", 32},   {"IDR", 16000},
    {"MYR", 4.5},  {"THB", 35},    {"VND", 25000}, {"NGN", 1500},
    {"KES", 130},  {"EGP", 48},    {"PKR", 280},  {"BDT", 120},
};
enum { CUR_GBP = 0, CUR_USD = 1, CUR_EUR = 2, CUR_CAD = 3, CUR_AUD = 4,
       CUR_NZD = 6, CUR_SGD = 7, CUR_HKD = 8, CUR_JPY = 10, CUR_INR = 11,
       CUR_BRL = 24, CUR_MXN = 25 };
#define NCUR (sizeof CURRENCIES / sizeof CURRENCIES[0])

/* Per first letter of a code in CURRENCIES, a bit per second letter: a
 * quick reject for code_at() (filled by kw_init()). */
static uint32_t CODE_PAIRS[26];

/* ISO code at p: three capital letters, not inside a word. */
static int code_at(const char *t, size_t len, size_t p)
{
    if (p + 3 > len || (p > 0 && is_alnum(U(t, p - 1))) ||
        (p + 3 < len && is_alnum(U(t, p + 3))))
        return -1;
    if (!is_upper(U(t, p)) || !is_upper(U(t, p + 1)) || !is_upper(U(t, p + 2)))
        return -1;
    /* most capitalised three-letter words (API, AWS, LLM) are no code: the
     * codes' first two letters reject them */
    if (!(CODE_PAIRS[U(t, p) - 'A'] & (1u << (U(t, p + 1) - 'A'))))
        return -1;
    for (size_t i = 0; i < NCUR; i++)
        if (CURRENCIES[i].code[0] == t[p] &&
            CURRENCIES[i].code[1] == t[p + 1] &&
            CURRENCIES[i].code[2] == t[p + 2])
            return (int)i;
    return -1;
}

/* Currency symbol at p: returns the currency and sets *n (bytes) and
 * *weak (1 for a bare '$', which many currencies use). */
static int symbol_at(const char *t, size_t len, size_t p, size_t *n,
                     int *weak)
{
    static const struct {
        const char *s;
        int cur;
    } prefixed[] = {
        {"US$", CUR_USD}, {"CA$", CUR_CAD}, {"CAD$", CUR_CAD}, {"C$", CUR_CAD},
        {"AU$", CUR_AUD}, {"AUD$", CUR_AUD}, {"A$", CUR_AUD}, {"NZ$", CUR_NZD},
        {"SG$", CUR_SGD}, {"S$", CUR_SGD},  {"HK$", CUR_HKD}, {"R$", CUR_BRL},
        {"MX$", CUR_MXN},
    };
    *weak = 0;
    if (p >= len)
        return -1;
    unsigned char c = U(t, p);
    if (c == '$') {
        *n = 1;
        *weak = 1;
        return CUR_USD;
    }
    if (c == 0xC2 && p + 1 < len) {
        if (U(t, p + 1) == 0xA3) { /* £ */
            *n = 2;
            return CUR_GBP;
        }
        if (U(t, p + 1) == 0xA5) { /* ¥ */
            *n = 2;
            return CUR_JPY;
        }
    }
    if (c == 0xE2 && p + 2 < len && U(t, p + 1) == 0x82) {
        if (U(t, p + 2) == 0xAC) { /* € */
            *n = 3;
            return CUR_EUR;
        }
        if (U(t, p + 2) == 0xB9) { /* ₹ */
            *n = 3;
            return CUR_INR;
        }
    }
    if (is_upper(c) && (p == 0 || !is_alnum(U(t, p - 1))) &&
        memchr(t + p, '$', len - p < 5 ? len - p : 5)) {
        for (size_t i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++) {
            size_t k = strlen(prefixed[i].s);
            if (p + k <= len && memcmp(t + p, prefixed[i].s, k) == 0) {
                *n = k;
                return prefixed[i].cur;
            }
        }
    }
    return -1;
}

typedef struct money {
    size_t s, e;    /* span, currency markers included */
    double v;
    int cur;        /* index in CURRENCIES, -1 none */
    int cur_weak;   /* a bare '$' */
    int k;          /* had a k suffix */
    int big;        /* million / billion: not a salary */
    int plain;      /* digits only (no separator, no suffix) */
    int plus;       /* "$110,000+": at least that */
} money;

/* A number: digit groups separated by ',' or '.'. Sets *v, *end, *plain.
 * Thousands separators: ',' or '.' before exactly three digits (also
 * several: "3.100.000", Indian "12,00,000"); a last separator of another
 * kind, or a single one not followed by three digits, is the decimal point.
 * Returns 0 when the digits do not form a number. */
static int number_at(const char *t, size_t len, size_t p, double *v,
                     size_t *end, int *plain)
{
    size_t gs[8], gl[8]; /* group starts and lengths */
    char sep[8];
    int ng = 0, ok = 1;
    size_t i = p;
    for (;;) {
        size_t s = i;
        while (i < len && is_digit(U(t, i)))
            i++;
        if (ng < 8) {
            gs[ng] = s;
            gl[ng] = i - s;
        } else {
            ok = 0;
        }
        ng++;
        if (i + 1 < len && (t[i] == ',' || t[i] == '.') &&
            is_digit(U(t, i + 1))) {
            if (ng <= 8)
                sep[ng - 1] = t[i];
            i++;
            continue;
        }
        break;
    }
    *end = i;
    *plain = ng == 1;
    if (!ok)
        return 0;
    int dec = -1; /* index of the group after the decimal point */
    if (ng >= 2) {
        char last = sep[ng - 2];
        int mixed = 0;
        for (int g = 0; g < ng - 2; g++)
            if (sep[g] != last)
                mixed = 1;
        if (mixed)
            dec = ng - 1;
        else if (ng == 2 && gl[1] != 3)
            dec = 1;
    }
    int nint = dec >= 0 ? dec : ng;
    /* validate grouping */
    if (nint > 1) {
        if (gl[0] > 3)
            return 0;
        for (int g = 1; g < nint; g++) {
            int lakh = sep[g - 1] == ',' && gl[g] == 2 && g < nint - 1;
            if (gl[g] != 3 && !lakh)
                return 0;
        }
    }
    if (dec >= 0 && gl[dec] > 4)
        return 0;
    /* value: integer mantissa of all digits divided by 10^decimals, exact
     * while it fits in a double's 53 bits */
    uint64_t m = 0;
    int digits = 0, decimals = 0;
    for (int g = 0; g < ng; g++) {
        for (size_t k = 0; k < gl[g]; k++) {
            if (digits >= 17)
                return 0;
            m = m * 10 + (uint64_t)(U(t, gs[g] + k) - '0');
            if (m)
                digits++;
        }
        if (g >= dec && dec >= 0)
            decimals += (int)gl[g];
    }
    double d = 1;
    for (int k = 0; k < decimals; k++)
        d *= 10;
    *v = (double)m / d;
    return 1;
}

/* A money amount at p: [code] [symbol] number [k|M|bn...] [+] [code|€|£].
 * With need_cur, a currency marker is required. */
static int money_at(const char *t, size_t len, size_t p, int need_cur,
                    money *m)
{
    memset(m, 0, sizeof *m);
    m->cur = -1;
    m->s = p;
    size_t q = p, n;
    int weak;
    int c = code_at(t, len, q);
    if (c >= 0) {
        m->cur = c;
        q += 3;
        if (q < len && t[q] == ' ')
            q++;
        if (symbol_at(t, len, q, &n, &weak) >= 0)
            q += n; /* "USD $103,400", "CAD $162,000": the code wins */
    } else {
        c = symbol_at(t, len, q, &n, &weak);
        if (c >= 0) {
            m->cur = c;
            m->cur_weak = weak;
            q += n;
        }
    }
    if (m->cur >= 0 && q + 1 < len && t[q] == ' ' && is_digit(U(t, q + 1)))
        q++;
    if (q >= len || !is_digit(U(t, q)))
        return 0;
    if (q > 0 && m->cur < 0 && (is_alnum(U(t, q - 1))))
        return 0;
    size_t e;
    int plain;
    if (!number_at(t, len, q, &m->v, &e, &plain)) {
        m->e = e;
        return 0;
    }
    m->plain = plain;
    /* suffix */
    if (e < len && (t[e] == 'k' || t[e] == 'K') &&
        (e + 1 >= len || !is_alpha(U(t, e + 1)))) {
        m->v *= 1000;
        m->k = 1;
        m->plain = 0;
        e++;
    } else {
        static const char *const big[] = {
            "m", "mm", "mn", "mln", "mil", "million", "millions", "b", "bn",
            "billion", "billions", "trillion", NULL};
        size_t r = e;
        if (r < len && t[r] == ' ')
            r++;
        word w;
        static const char *const lakh[] = {"l", "lakh", "lakhs", "lac",
                                           "lacs", "lpa", NULL};
        static const char *const crore[] = {"cr", "crore", "crores", NULL};
        if (r < len && is_alpha(U(t, r)) && word_next(t, len, r, 0, &w)) {
            /* Indian amounts: "₹40L", "INR 12 lakhs", "1.2 Cr" */
            int inr = m->cur >= 0 && !strcmp(CURRENCIES[m->cur].code, "INR");
            if (inr && win(t, w, lakh) >= 0) {
                m->v *= 100000;
                m->plain = 0;
                e = w.e;
            } else if (inr && win(t, w, crore) >= 0) {
                m->v *= 10000000;
                m->plain = 0;
                e = w.e;
            } else if (win(t, w, big) >= 0) {
                m->big = 1;
                e = w.e;
            }
        }
    }
    if (e < len && t[e] == '+') {
        m->plus = 1;
        e++;
    }
    /* postfix currency: "6,026,641 INR", "70.000 €", "$3.100.000 CLP" */
    size_t r = e;
    if (r < len && t[r] == ' ')
        r++;
    int pc = code_at(t, len, r);
    if (pc >= 0) {
        if (m->cur < 0 || m->cur_weak) {
            m->cur = pc;
            m->cur_weak = 0;
        }
        e = r + 3;
    } else if (m->cur < 0) {
        int sc = symbol_at(t, len, r, &n, &weak);
        if (sc >= 0 && !weak) {
            m->cur = sc;
            e = r + n;
        }
    }
    m->e = e;
    if (m->cur < 0 && need_cur)
        return 0;
    return 1;
}

/* ---- salary ---------------------------------------------------------------- */

enum { PER_OTHER = 9 }; /* "per week", "per user": not a salary period */

/* Skip spaces and markdown emphasis. */
static size_t skip_soft(const char *t, size_t len, size_t p)
{
    size_t lim = p + GAP_MAX;
    while (p < len && p < lim &&
           (t[p] == ' ' || t[p] == '\t' || t[p] == '*' || t[p] == '_'))
        p++;
    return p;
}

static int period_word(const char *t, word w)
{
    static const char *const year[] = {"year", "yr", "annum", "annual",
                                       "annually", "yearly", "annualized",
                                       "annualised", "years", NULL};
    static const char *const month[] = {"month", "mo", "mos", "mth",
                                        "monthly", NULL};
    static const char *const day[] = {"day", "daily", "diem", NULL};
    static const char *const hour[] = {"hour", "hr", "hrs", "hourly", "h",
                                       NULL};
    if (win(t, w, year) >= 0)
        return JDC_PER_YEAR;
    if (win(t, w, month) >= 0)
        return JDC_PER_MONTH;
    if (win(t, w, day) >= 0)
        return JDC_PER_DAY;
    if (win(t, w, hour) >= 0)
        return JDC_PER_HOUR;
    return 0;
}

/* The words period_at() reads after an amount (the one-letter ones apart). */
static const char *const PERIOD_AFTER_WORDS[] = {
    "pa", "pan", "pd", "ph", "pcm", "pm", "per", "an", "annually", "yearly",
    "annum", "monthly", "hourly", "day", "daily", "weekly", "pw", NULL};

static int period_after_word(const char *t, word w)
{
    if (w.e - w.s == 1) {
        unsigned char c = lower(U(t, w.s));
        return c == 'p' || c == 'a';
    }
    return (kw_money_flags(t, w) & KW_PERIOD) != 0;
}

/* A period written right after an amount, at p: "/yr", " per annum",
 * " p.a.", " pa", " pd", " a year", " annually", " day rate", "/ hour".
 * Returns the period (PER_OTHER for "per week", "per user"...) and moves *p
 * past it, or 0. */
static int period_at(const char *t, size_t len, size_t *p)
{
    size_t q = *p;
    while (q < len && q < *p + 3 && (t[q] == ' ' || t[q] == '*' || t[q] == '_'))
        q++;
    if (q >= len)
        return 0;
    word w, w2;
    if (t[q] == '/') {
        size_t r = q + 1;
        if (r < len && t[r] == ' ')
            r++;
        if (!word_next(t, len, r, 0, &w))
            return 0;
        int per = period_word(t, w);
        if (!per || weq(t, w, "years") || weq(t, w, "annual"))
            per = PER_OTHER;
        *p = w.e;
        /* "$20/hr. - $24/hr.": the abbreviation's dot */
        if (w.e + 1 < len && t[w.e] == '.' && t[w.e + 1] == ' ')
            *p = w.e + 1;
        return per;
    }
    if (!is_alpha(U(t, q)) || !word_next(t, len, q, 0, &w))
        return 0;
    if (!period_after_word(t, w))
        return 0;
    int per = 0;
    size_t end = w.e;
    int has2 = word_next(t, len, w.e, 2, &w2) && gap_blank(t, w.e, w2.s);
    /* p.a. / p.d. / p.h. / p/y / p/d / p/h */
    if (weq(t, w, "p") && w.e + 2 < len &&
        (t[w.e] == '.' || t[w.e] == '/') && is_alpha(U(t, w.e + 1))) {
        unsigned char c = lower(U(t, w.e + 1));
        if (w.e + 2 >= len || !is_alpha(U(t, w.e + 2))) {
            per = c == 'a' || c == 'y' ? JDC_PER_YEAR
                  : c == 'd' ? JDC_PER_DAY
                  : c == 'h' ? JDC_PER_HOUR
                  : c == 'm' ? JDC_PER_MONTH : 0;
            end = w.e + 2;
            if (end < len && t[end] == '.')
                end++;
        }
    } else if (weq(t, w, "pa") || weq(t, w, "pan")) {
        per = JDC_PER_YEAR;
    } else if (weq(t, w, "pd")) {
        per = JDC_PER_DAY;
    } else if (weq(t, w, "ph")) {
        per = JDC_PER_HOUR;
    } else if (weq(t, w, "pcm") || weq(t, w, "pm")) {
        per = weq(t, w, "pcm") ? JDC_PER_MONTH : 0;
    } else if (weq(t, w, "per") || weq(t, w, "a") || weq(t, w, "an")) {
        if (has2) {
            per = period_word(t, w2);
            if (weq(t, w2, "years") || weq(t, w2, "annual") ||
                weq(t, w2, "h"))
                per = 0;
            if (!per && weq(t, w, "per"))
                per = PER_OTHER; /* per week, per user, per metre */
            if (per)
                end = w2.e;
        }
    } else if (weq(t, w, "annually") || weq(t, w, "yearly") ||
               weq(t, w, "annum")) {
        per = JDC_PER_YEAR;
    } else if (weq(t, w, "monthly")) {
        per = JDC_PER_MONTH;
    } else if (weq(t, w, "hourly")) {
        per = JDC_PER_HOUR;
    } else if ((weq(t, w, "day") || weq(t, w, "daily")) && has2 &&
               weq(t, w2, "rate")) {
        per = JDC_PER_DAY;
        end = w2.e;
    } else if (weq(t, w, "weekly") || weq(t, w, "pw")) {
        per = PER_OTHER;
    }
    if (!per)
        return 0;
    *p = end;
    return per;
}

/* Range separator at *p: - – — − ~ "to", "\-" (markdown), "and" after
 * "between". Moves *p past it. */
static int range_sep_at(const char *t, size_t len, size_t *p, int between)
{
    size_t q = *p;
    if (q >= len)
        return 0;
    if (t[q] == '\\' && q + 1 < len && t[q + 1] == '-')
        q++;
    if (t[q] == '-' || t[q] == '~') {
        if (t[q] == '-' && q + 1 < len && t[q + 1] == '-') /* "--" */
            q++;
        *p = q + 1;
        return 1;
    }
    if (q + 2 < len && U(t, q) == 0xE2 &&
        ((U(t, q + 1) == 0x80 && U(t, q + 2) >= 0x90 && U(t, q + 2) <= 0x95) ||
         (U(t, q + 1) == 0x88 && U(t, q + 2) == 0x92))) { /* dashes, minus */
        *p = q + 3;
        return 1;
    }
    word w;
    if (is_alpha(U(t, q)) && word_next(t, len, q, 0, &w) &&
        (weq(t, w, "to") || (between && weq(t, w, "and")))) {
        *p = w.e;
        return 1;
    }
    return 0;
}

static const char *const SALARY_WORDS[] = {
    "salary", "salaries", "base", "pay", "paid", "compensation", "wage",
    "wages", "rate", "range", "earn", "earning", "earnings", "remuneration",
    "package", "ctc", "sueldo", "gehalt", "salaire", "income", "paying",
    "pays", "band", NULL};

static const char *const NON_SALARY_WORDS[] = {
    "bonus", "bonuses", "ote", "equity", "stipend", "stipends", "allowance",
    "allowances", "reimbursement", "reimbursed", "incentive", "incentives",
    "relocation", "signing", "sign", "commission", "commissions", "budget",
    "budgets", "credit", "credits", "grant", "grants", "rsu", "rsus",
    "stock", "shares", "options", "funding", "funded", "raised", "raise",
    "revenue", "revenues", "valuation", "valued", "investment", "invested",
    "assets", "damages", "market", "sales", "arr", "gmv", "prize", "prizes",
    "bounty", "bounties", "donation", "donations", "fund", "funds", "match",
    "matching", "spend", "worth", "users", "customers", "loan", "loans",
    "payments", "transactions", "savings", "cost", "costs", "fee", "fees",
    "insurance", "contribution", "contributions", "voucher", "vouchers",
    "gift", "referral", "retention", "severance", "travel", "towards",
    "toward", "series", "wellness", "wellbeing", "learning", "education",
    "training", "development", "conference", "conferences", "home",
    "office", "gym", "lunch", "meal", "meals", "per", "subsidy", "bill",
    "bills", NULL};

/* Word w is one of SALARY_WORDS / NON_SALARY_WORDS. */
static int salary_word(const char *t, word w)
{
    if (kw_all)
        return win(t, w, SALARY_WORDS) >= 0;
    return (kw_money_flags(t, w) & KW_SALARY) != 0;
}

static int non_salary_word(const char *t, word w)
{
    if (kw_all)
        return win(t, w, NON_SALARY_WORDS) >= 0;
    return (kw_money_flags(t, w) & KW_NON_SALARY) != 0;
}

typedef struct lookback {
    int upto;          /* "up to", "maximum (of)" right before */
    size_t upto_s;
    int atleast;       /* "over", "from", "at least", "starting at" */
    size_t atleast_s;
    int between;       /* "between" right before */
    int period;        /* nearest period word in the clause */
    int nearest;       /* 1 salary word, -1 non-salary word, 0 neither */
    int salary_word;   /* a salary word anywhere in the clause */
} lookback;

/* The gap holds a middle dot or a bullet (U+00B7, U+2022), which separate
 * the items of a job card ("London · Permanent · £90,000"). */
static int gap_bullet(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i + 1 < b; i++)
        if ((U(t, i) == 0xC2 && U(t, i + 1) == 0xB7) ||
            (U(t, i) == 0xE2 && i + 2 < b && U(t, i + 1) == 0x80 &&
             U(t, i + 2) == 0xA2))
            return 1;
    return 0;
}

/* The clause before an amount at p, back to a sentence boundary, a '+' or
 * "plus", '|', a bullet, the previous amount (lo), or 10 words. */
/* "Machine Learning", "Deep Learning", "Software Development": a field of
 * work, not a learning or development budget. */
static int field_name(const char *t, size_t lo, word w)
{
    word p;
    return (weq(t, w, "learning") || weq(t, w, "development")) &&
           word_prev(t, lo, w.s, 2, &p) &&
           (weq(t, p, "machine") || weq(t, p, "deep") ||
            weq(t, p, "reinforcement") || weq(t, p, "software") ||
            weq(t, p, "product") || weq(t, p, "business"));
}

static void look_back(const char *t, size_t lo, size_t p, lookback *lb)
{
    memset(lb, 0, sizeof *lb);
    size_t b = p;
    word w, prev = {0, 0};
    for (int k = 0; k < 10; k++) {
        if (!word_prev(t, lo, b, GAP_MAX, &w))
            break;
        if (gap_sentence(t, w.e, b) || gap_has(t, w.e, b, "+|") ||
            gap_bullet(t, w.e, b))
            break;
        if (weq(t, w, "plus"))
            break;
        if (k == 0 && weq(t, w, "between"))
            lb->between = 1;
        if (k == 1 && weq(t, prev, "to") && weq(t, w, "up")) {
            lb->upto = 1;
            lb->upto_s = w.s;
        }
        if ((k == 0 && (weq(t, w, "over") || weq(t, w, "from") ||
                        weq(t, w, "above") || weq(t, w, "exceeding") ||
                        weq(t, w, "minimum") || weq(t, w, "min"))) ||
            (k == 1 && ((weq(t, prev, "least") && weq(t, w, "at")) ||
                        (weq(t, prev, "at") && weq(t, w, "starting")) ||
                        (weq(t, prev, "than") && weq(t, w, "more"))))) {
            lb->atleast = 1;
            lb->atleast_s = w.s;
        }
        if ((k == 0 && (weq(t, w, "maximum") || weq(t, w, "max"))) ||
            (k == 1 && weq(t, prev, "of") && weq(t, w, "maximum"))) {
            lb->upto = 1;
            lb->upto_s = w.s;
        }
        if (!lb->period) {
            int per = 0;
            if (weq(t, w, "annual") || weq(t, w, "annually") ||
                weq(t, w, "yearly") || weq(t, w, "annum"))
                per = JDC_PER_YEAR;
            else if (weq(t, w, "hourly"))
                per = JDC_PER_HOUR;
            else if (weq(t, w, "monthly"))
                per = JDC_PER_MONTH;
            else if (weq(t, w, "daily") ||
                     (weq(t, w, "day") && k > 0 && weq(t, prev, "rate")))
                per = JDC_PER_DAY;
            else if (k > 0 && (weq(t, w, "per") || weq(t, w, "a")) &&
                     (per = period_word(t, prev)) != 0) {
                if (weq(t, prev, "years") || weq(t, prev, "h") ||
                    weq(t, prev, "annual"))
                    per = 0;
            }
            lb->period = per;
        }
        if (salary_word(t, w)) {
            lb->salary_word = 1;
            if (!lb->nearest)
                lb->nearest = 1;
        } else if (!lb->nearest && non_salary_word(t, w) &&
                   !weq(t, w, "per") && !field_name(t, lo, w)) {
            lb->nearest = -1;
        }
        prev = w;
        b = w.s;
    }
}

/* A non-salary word in the few words after an amount, before '+', "plus",
 * "and", a comma or a sentence boundary: "$2,000 annual bonus", "$40k OTE". */
static int non_salary_after(const char *t, size_t len, size_t p)
{
    size_t q = p;
    for (int k = 0; k < 5; k++) {
        word w;
        if (!word_next(t, len, q, GAP_MAX, &w))
            return 0;
        if (gap_sentence(t, q, w.s) || gap_has(t, q, w.s, "+,(:|`"))
            return 0;
        if (weq(t, w, "plus") || weq(t, w, "and") || weq(t, w, "or") ||
            weq(t, w, "with") || weq(t, w, "depending") ||
            weq(t, w, "based"))
            return 0;
        if (non_salary_word(t, w) && !weq(t, w, "per"))
            return 1;
        q = w.e;
    }
    return 0;
}

static int plausible(double v, int period, double scale)
{
    double lo, hi;
    switch (period) {
    case JDC_PER_YEAR: lo = 10000, hi = 2000000; break;
    case JDC_PER_MONTH: lo = 1000, hi = 100000; break;
    case JDC_PER_DAY: lo = 100, hi = 5000; break;
    case JDC_PER_HOUR: lo = 10, hi = 1000; break;
    default: return 0;
    }
    return v >= lo * scale && v <= hi * scale;
}

/* A pay word (salary, pay, rate, range, compensation, wage...) in the 60
 * words before p (within 600 bytes), across lines: the heading a bare
 * range sits under. */
static int pay_word_before(const char *t, size_t p)
{
    static const char *const pay[] = {"salary", "pay", "rate", "range",
                                      "compensation", "wage", "wages",
                                      "hourly", NULL};
    size_t lo = p > 600 ? p - 600 : 0, b = p;
    word w;
    for (int k = 0; k < 60 && word_prev(t, lo, b, GAP_MAX, &w); k++) {
        if (win(t, w, pay) >= 0)
            return 1;
        b = w.s;
    }
    return 0;
}

/* Try a salary starting at p. Returns 1 and fills *s when one is there.
 * *next: where to continue scanning; *last_money: end of the last amount
 * read (bounds the next look-back). */
/* "+ benefits", "plus bonus", "+ package" right after an amount: pay. */
static int benefits_after(const char *t, size_t len, size_t p)
{
    static const char *const pay[] = {"benefits", "benefit", "bonus",
                                      "package", "pension", "car", "equity",
                                      NULL};
    size_t q = p;
    while (q < len && (t[q] == ' ' || t[q] == '*'))
        q++;
    word w;
    if (q < len && t[q] == '+')
        q++;
    else if (word_next(t, len, q, 0, &w) && weq(t, w, "plus"))
        q = w.e;
    else
        return 0;
    return word_next(t, len, q, 4, &w) && win(t, w, pay) >= 0;
}

static int salary_at(const char *t, size_t len, size_t p, jdc_xsalary *s,
                     size_t *next, size_t *last_money)
{
    money a, b;
    /* the currency may come with the upper bound only: "120,000 - 140,000
     * USD" */
    if (!money_at(t, len, p, 0, &a)) {
        *next = a.e > p ? a.e : p + 1;
        return 0;
    }
    /* the clause before the amount, read only when it matters (most
     * numbers have no currency and stop before) */
    lookback lb;
    int have_lb = 0;
    size_t lb_lo = *last_money < a.s ? *last_money : a.s;
#define NEED_LB()                                                           \
    do {                                                                    \
        if (!have_lb) {                                                     \
            look_back(t, lb_lo, a.s, &lb);                                  \
            have_lb = 1;                                                    \
        }                                                                   \
    } while (0)
    /* on failure, scanning resumes after the first amount (the second one
     * of a failed range may be a salary of its own) */
    *next = a.e;
    *last_money = a.e;
    size_t q = a.e;
    int per_a = period_at(t, len, &q);
    size_t after_a = q;
    size_t r = skip_soft(t, len, q);
    int has_b = 0, per_b = 0;
    size_t end = after_a;
    int sep = range_sep_at(t, len, &r, 0);
    if (!sep) { /* "and" is a separator after "between" only */
        size_t r2 = r;
        if (range_sep_at(t, len, &r2, 1)) {
            NEED_LB();
            if (lb.between) {
                sep = 1;
                r = r2;
            }
        }
    }
    if (sep) {
        r = skip_soft(t, len, r);
        if (money_at(t, len, r, 0, &b) &&
            !(b.cur >= 0 && a.cur >= 0 && !a.cur_weak && !b.cur_weak &&
              b.cur != a.cur)) {
            has_b = 1;
            end = b.e;
            per_b = period_at(t, len, &end);
            /* "$80,000 - $100,000 - $120,000": low, mid and high */
            money c;
            size_t r3 = skip_soft(t, len, end);
            if (!per_b && range_sep_at(t, len, &r3, 0) &&
                money_at(t, len, skip_soft(t, len, r3), 0, &c) && !c.big &&
                c.v > b.v && (c.cur < 0 || c.cur == b.cur)) {
                b.v = c.v;
                b.e = end = c.e;
                per_b = period_at(t, len, &end);
            }
        }
    }
    /* trailing currency code or period: "$137,781 - $172,339 USD per year" */
    int per_t = 0;
    for (int k = 0; k < 2; k++) {
        size_t u = end;
        if (u < len && t[u] == ' ')
            u++;
        int c = code_at(t, len, u);
        if (c >= 0) {
            if (has_b && (b.cur < 0 || b.cur_weak))
                b.cur = c, b.cur_weak = 0;
            else if (!has_b && (a.cur < 0 || a.cur_weak))
                a.cur = c, a.cur_weak = 0;
            end = u + 3;
            continue;
        }
        size_t v = end;
        int per = period_at(t, len, &v);
        if (per && !per_t) {
            per_t = per;
            end = v;
            continue;
        }
        break;
    }
    if (a.big || (has_b && b.big))
        return 0;
    double lo = a.v, hi = has_b ? b.v : a.v;
    if (has_b && b.k && !a.k && a.plain && a.v < 1000 && a.v * 1000 <= b.v)
        lo = a.v * 1000; /* "£90-120k" */
    int cur = a.cur;
    if (has_b && (cur < 0 || a.cur_weak) && b.cur >= 0 &&
        (!b.cur_weak || cur < 0))
        cur = b.cur;
    /* no currency marker: a bare amount, GBP if the advert is in the UK
     * (decided after the pass), when it is plainly pay: a period written
     * with it, a salary word before it in its clause, "+ benefits" after
     * it, or thousands ("60k-80k", "65,000") under a pay heading */
    int bare = cur < 0, written = per_a || per_b || per_t;
    if (bare) {
        if (!written && (hi < 1000 || (!a.k && a.plain && hi < 10000)))
            return 0;
        cur = 0; /* GBP */
    }
    NEED_LB();
#undef NEED_LB
    if (bare && !written && !lb.salary_word && !benefits_after(t, len, end) &&
        !((a.k || hi >= 10000) && pay_word_before(t, a.s)))
        return 0;
    int period = per_a ? per_a : per_b ? per_b : per_t ? per_t : lb.period;
    if (period == PER_OTHER)
        return 0;
    if (has_b && lo > hi)
        return 0;
    /* bonus, equity, funding: not salary, and neither is either bound of
     * the range on its own */
    if (lb.nearest < 0 ||
        (lb.nearest <= 0 && non_salary_after(t, len, end))) {
        *next = end;
        *last_money = has_b ? b.e : a.e;
        return 0;
    }
    double scale = CURRENCIES[cur].scale;
    /* a range of hourly-sized amounts under a pay heading with no period,
     * or a yearly one ("Annual Range/Hourly Rate\n\n$17.00 - $23.00") */
    if (has_b && (!period || period == JDC_PER_YEAR) &&
        hi <= 200 * scale && lo >= 10 * scale &&
        pay_word_before(t, a.s))
        period = JDC_PER_HOUR;
    if (!period) {
        if (hi >= 10000 * scale)
            period = JDC_PER_YEAR;
        else if (lb.salary_word && plausible(hi, JDC_PER_MONTH, scale) &&
                 plausible(lo, JDC_PER_MONTH, scale))
            period = JDC_PER_MONTH;
        else
            return 0;
    }
    if (!plausible(hi, period, scale) || !plausible(lo, period, scale))
        return 0;
    int upto = lb.upto && !has_b;
    /* "over $200,000", "$110,000+": at least (min only) */
    int atleast = !has_b && !upto && (lb.atleast || a.plus);
    s->min = upto ? NAN : lo;
    s->max = atleast ? NAN : hi;
    memcpy(s->currency, CURRENCIES[cur].code, 4);
    s->period = period;
    s->start = (uint32_t)(upto ? lb.upto_s : atleast && lb.atleast ? lb.atleast_s : a.s);
    s->end = (uint32_t)end;
    *next = end;
    *last_money = has_b ? b.e : a.e;
    return bare ? 2 : 1;
}

static int same_salary(const jdc_xsalary *a, const jdc_xsalary *b)
{
    int mins = (isnan(a->min) && isnan(b->min)) || a->min == b->min;
    return mins && a->max == b->max && a->period == b->period &&
           strcmp(a->currency, b->currency) == 0;
}

/* A salary tried at position i of the text (a currency symbol's first byte,
 * or a word starting with a digit or a capital that may be a currency code
 * or prefix); keeps a new one. *sal_next: the first position the scan may
 * try next; *last: end of the last amount read. */
/* Bare amounts (no currency marker) kept during the pass: GBP when the
 * advert turns out to be in the UK (uk_finish()). */
typedef struct barebuf {
    jdc_xsalary v[JDC_SALARY_MAX];
    size_t n;
} barebuf;

static void salary_keep(jdc_xsalary *v, size_t *n, const jdc_xsalary *s)
{
    for (size_t k = 0; k < *n; k++)
        if (same_salary(&v[k], s))
            return;
    if (*n < JDC_SALARY_MAX)
        v[(*n)++] = *s;
}

/* A salary tried at position i of the text (a currency symbol's first byte,
 * or a word starting with a digit or a capital that may be a currency code
 * or prefix); keeps a new one (a bare amount in *bare). *sal_next: the
 * first position the scan may try next; *last: end of the last amount
 * read. */
static void salary_try(jdc_extract *x, barebuf *bare, const char *t,
                       size_t len, size_t i, size_t *sal_next, size_t *last)
{
    jdc_xsalary s;
    size_t next;
    int r = salary_at(t, len, i, &s, &next, last);
    if (r == 1)
        salary_keep(x->salary, &x->nsalary, &s);
    else if (r == 2)
        salary_keep(bare->v, &bare->n, &s);
    /* (inside a word no position is a start) */
    *sal_next = next > i ? next : i + 1;
}

/* The advert is in the UK: a UK region or city was read, a GBP amount or
 * the £ sign or "GBP" is in it, or a word naming the UK ("UK", "United
 * Kingdom", "England", "Scotland", "Wales", "Northern Ireland"). */
/* Where `lit` (n bytes) occurs in t from pos on, or NULL (memchr for its
 * first byte, then a comparison: linear for these short literals). */
static const char *find_lit(const char *t, size_t len, size_t pos,
                            const char *lit, size_t n)
{
    while (pos + n <= len) {
        const char *at = memchr(t + pos, lit[0], len - n + 1 - pos);
        if (!at)
            return NULL;
        if (!memcmp(at, lit, n))
            return at;
        pos = (size_t)(at - t) + 1;
    }
    return NULL;
}

/* The literal `lit` occurs in the text as a whole word (ASCII letters and
 * digits do not touch it); case as written. */
static int has_word(const char *t, size_t len, const char *lit)
{
    size_t n = strlen(lit), pos = 0;
    while (pos + n <= len) {
        const char *at = find_lit(t, len, pos, lit, n);
        if (!at)
            return 0;
        size_t s = (size_t)(at - t);
        if ((s == 0 || !is_alnum(U(t, s - 1))) &&
            (s + n >= len || !is_alnum(U(t, s + n))))
            return 1;
        pos = s + 1;
    }
    return 0;
}

static int advert_in_uk(const jdc_extract *x, const char *t, size_t len)
{
    static const char *const names[] = {
        "UK", "GBP", "United Kingdom", "England", "Scotland", "Wales",
        "Northern Ireland", "\xC2\xA3", NULL};
    if (x->region)
        return 1;
    for (size_t k = 0; k < x->nsalary; k++)
        if (!strcmp(x->salary[k].currency, "GBP"))
            return 1;
    for (int k = 0; names[k]; k++)
        if (names[k][0] == '\xC2' ? find_lit(t, len, 0, names[k], 2) != NULL
                                   : has_word(t, len, names[k]))
            return 1;
    return 0;
}

/* After the pass: the bare amounts join the salaries, in text order, when
 * the advert is in the UK. */
static void uk_finish(jdc_extract *x, const barebuf *bare, const char *t,
                      size_t len)
{
    if (!bare->n || !advert_in_uk(x, t, len))
        return;
    jdc_xsalary all[2 * JDC_SALARY_MAX];
    size_t n = 0, i = 0, j = 0;
    while (i < x->nsalary || j < bare->n) {
        if (j >= bare->n ||
            (i < x->nsalary && x->salary[i].start <= bare->v[j].start))
            all[n++] = x->salary[i++];
        else
            all[n++] = bare->v[j++];
    }
    x->nsalary = 0;
    for (size_t k = 0; k < n; k++)
        salary_keep(x->salary, &x->nsalary, &all[k]);
}

/* ---- work terms ---------------------------------------------------------- */

typedef struct cand {
    int kind;
    int prio;
    int title;
    int soft;
    size_t s, e;
} cand;

/* Keep the better candidate: a title mention beats the body; then the
 * higher priority; then the first. */
static void offer(cand *best, int kind, int prio, int title, int soft,
                  size_t s, size_t e)
{
    if (best->kind) {
        if (best->title && !title)
            return;
        if (best->title == title && best->prio >= prio)
            return;
    }
    best->kind = kind;
    best->prio = prio;
    best->title = title;
    best->soft = soft;
    best->s = s;
    best->e = e;
}

typedef struct city {
    const char *name;
    int region;
    int strict; /* an ordinary word or a name shared abroad: needs ", UK" */
} city;

static const city CITIES[] = {
    {"London", JDC_REGION_LONDON, 0},
    {"Manchester", JDC_REGION_REST_OF_UK, 0},
    {"Edinburgh", JDC_REGION_REST_OF_UK, 0},
    {"Bristol", JDC_REGION_REST_OF_UK, 0},
    {"Cambridge", JDC_REGION_REST_OF_UK, 0},
    {"Glasgow", JDC_REGION_REST_OF_UK, 0},
    {"Leeds", JDC_REGION_REST_OF_UK, 0},
    {"Birmingham", JDC_REGION_REST_OF_UK, 0},
    {"Oxford", JDC_REGION_REST_OF_UK, 0},
    {"Belfast", JDC_REGION_REST_OF_UK, 0},
    {"Cardiff", JDC_REGION_REST_OF_UK, 0},
    {"Reading", JDC_REGION_REST_OF_UK, 1},
    {"Newcastle", JDC_REGION_REST_OF_UK, 0},
    {"Nottingham", JDC_REGION_REST_OF_UK, 0},
    {"Sheffield", JDC_REGION_REST_OF_UK, 0},
    {"Liverpool", JDC_REGION_REST_OF_UK, 0},
    {"Stevenage", JDC_REGION_REST_OF_UK, 0},
    {"Southampton", JDC_REGION_REST_OF_UK, 0},
    {"Brighton", JDC_REGION_REST_OF_UK, 0},
    {"Leicester", JDC_REGION_REST_OF_UK, 0},
    {"Coventry", JDC_REGION_REST_OF_UK, 0},
    {"Aberdeen", JDC_REGION_REST_OF_UK, 0},
    {"Dundee", JDC_REGION_REST_OF_UK, 0},
    {"Swansea", JDC_REGION_REST_OF_UK, 0},
    {"Exeter", JDC_REGION_REST_OF_UK, 0},
    {"Guildford", JDC_REGION_REST_OF_UK, 0},
    {"Cheltenham", JDC_REGION_REST_OF_UK, 0},
    {"Norwich", JDC_REGION_REST_OF_UK, 0},
    {"Plymouth", JDC_REGION_REST_OF_UK, 0},
    {"Milton Keynes", JDC_REGION_REST_OF_UK, 0},
    {"York", JDC_REGION_REST_OF_UK, 1},
    {"Scotland", JDC_REGION_REST_OF_UK, 0},
    {"Wales", JDC_REGION_REST_OF_UK, 1},
    {"Northern Ireland", JDC_REGION_REST_OF_UK, 0},
};

/* Case-insensitive match of the word with a name (any case). */
static int word_is_ci(const char *t, word w, const char *name, size_t n)
{
    if (w.e - w.s != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(U(t, w.s + k)) != lower((unsigned char)name[k]))
            return 0;
    return 1;
}

/* City starting at word w: its first word written as in the table or in
 * capitals ("LONDON"); a second word ("Milton Keynes") in any case. Returns
 * the index in CITIES and sets *e, or -1. */
static int city_at(const char *t, size_t len, word w, size_t *e)
{
    size_t n = w.e - w.s;
    for (size_t i = 0; i < sizeof CITIES / sizeof CITIES[0]; i++) {
        const char *name = CITIES[i].name;
        const char *sp = strchr(name, ' ');
        size_t first = sp ? (size_t)(sp - name) : strlen(name);
        if (U(t, w.s) != (unsigned char)name[0] || n != first ||
            !word_is_ci(t, w, name, n))
            continue;
        int exact = memcmp(t + w.s, name, n) == 0, caps = 1;
        for (size_t k = 0; k < n; k++)
            if (!is_upper(U(t, w.s + k)))
                caps = 0;
        if (!exact && !caps)
            continue;
        size_t end = w.e;
        if (sp) {
            word w2;
            if (!word_next(t, len, w.e, 1, &w2) || !gap_blank(t, w.e, w2.s) ||
                !word_is_ci(t, w2, sp + 1, strlen(sp + 1)))
                continue;
            end = w2.e;
        }
        *e = end;
        return (int)i;
    }
    return -1;
}

static const char *const UK_WORDS[] = {
    "uk", "england", "scotland", "wales", "berkshire", "united", "gb",
    "britain", "yorkshire", "hertfordshire", "surrey", "kent", "essex",
    "oxfordshire", "cambridgeshire", "lancashire", "midlands", NULL};

/* Places abroad that share lists of offices with London ("hubs in San
 * Francisco, Austin and London"): the last word of their names. */
static const char *const ABROAD_PLACES[] = {
    "francisco", "austin", "chicago", "seattle", "boston", "toronto",
    "vancouver", "montreal", "ottawa", "calgary", "waterloo", "berlin",
    "paris", "amsterdam", "dublin", "lisbon", "porto", "madrid", "barcelona",
    "prague", "brno", "sydney", "melbourne", "singapore", "tokyo",
    "bangalore", "bengaluru", "hyderabad", "pune", "delhi", "mumbai",
    "munich", "zurich", "geneva", "stockholm", "copenhagen", "oslo",
    "helsinki", "warsaw", "krakow", "bucharest", "budapest", "vienna",
    "hamburg", "milan", "rome", "brussels", "aviv", "denver", "atlanta",
    "angeles", "washington", "york", "miami", "dallas", "houston",
    "portland", "madison", "raleigh", "pittsburgh", "philadelphia",
    "minneapolis", "detroit", "phoenix", "diego", "jose", "alto", "view",
    "cupertino", "redmond", "bellevue", "nyc", "sf", "cdmx", "dubai",
    "seoul", "beijing", "shanghai", "shenzhen", "taipei", "manila",
    "jakarta", "auckland", "johannesburg", "nairobi", "lagos", "cairo",
    "paulo", "aires", "santiago", "bogota", "mexico", "usa", "us",
    "canada", "germany", "france", "india", "spain", "portugal",
    "netherlands", "poland", "brazil", "argentina", "japan", "sweden",
    "ireland", "israel", "australia", "emea", "apac", "latam", "europe",
    "americas", "america", "china", "romania", "ukraine", "italy",
    "switzerland", "denmark", "norway", "finland", "austria", "belgium",
    "remote?", NULL};

/* Word `w` (the last of a place name) is a place abroad. */
static int foreign_place(const char *t, word w)
{
    return is_upper(U(t, w.s)) && win(t, w, ABROAD_PLACES) >= 0;
}

/* A neighbour of the place in a list, after (dir > 0) or before it:
 * separated by , ; / | or "and"/"or" on the same line. */
static int list_neighbour(const char *t, size_t len, size_t s, size_t e,
                          int dir, word *out)
{
    word n;
    if (dir > 0 ? !word_next(t, len, e, 4, &n) : !word_prev(t, 0, s, 4, &n))
        return 0;
    size_t a = dir > 0 ? e : n.e, b = dir > 0 ? n.s : s;
    if (gap_has(t, a, b, "\n("))
        return 0;
    if (weq(t, n, "and") || weq(t, n, "or")) {
        word m;
        if (dir > 0 ? !word_next(t, len, n.e, 4, &m)
                    : !word_prev(t, 0, n.s, 4, &m))
            return 0;
        if (gap_has(t, dir > 0 ? n.e : m.e, dir > 0 ? m.s : n.s, "\n("))
            return 0;
        *out = m;
        return 1;
    }
    if (!gap_has(t, a, b, ",;/|"))
        return 0;
    *out = n;
    return 1;
}

/* Not the posting's UK place: "New York", "Cambridge, MA", "London,
 * Ontario", "outside London", or one of a list of offices in several
 * countries ("hubs in San Francisco, Austin and London"). */
static int city_abroad(const char *t, size_t lo, size_t len, word w, size_t e,
                       int strict)
{
    static const char *const abroad[] = {
        "ontario", "massachusetts", "alabama", "canada", "australia",
        "kentucky", "connecticut", "mississippi", "ohio", "tasmania",
        "michigan", "texas", "california", "usa", "us", "nsw", "maine",
        "pennsylvania", "new", "jersey", "virginia", "ny", NULL};
    word p, n;
    int hp = word_prev(t, lo, w.s, 8, &p);
    if (hp && gap_blank(t, p.e, w.s) &&
        (weq(t, p, "new") || weq(t, p, "outside")))
        return 1;
    if (hp && (weq(t, p, "of") || weq(t, p, "from"))) {
        word q; /* "outside of London" */
        if (word_prev(t, lo, p.s, 4, &q) && weq(t, q, "outside"))
            return 1;
    }
    int hn = word_next(t, len, e, 3, &n);
    if (hn && weq(t, n, "stock"))
        return 1;
    if (hn && gap_has(t, e, n.s, ",(-/")) {
        if (win(t, n, UK_WORDS) >= 0)
            return 0;
        if (win(t, n, abroad) >= 0)
            return 1;
        if (n.e - n.s == 2 && is_upper(U(t, n.s)) && is_upper(U(t, n.s + 1)))
            return 1; /* a US state or Canadian province code */
    }
    /* one place of a list of offices abroad */
    word q;
    if ((list_neighbour(t, len, w.s, e, 1, &q) && foreign_place(t, q)) ||
        (list_neighbour(t, len, w.s, e, -1, &q) && foreign_place(t, q)))
        return 1;
    return strict;
}

/* Words around the work-term words that confirm or rule them out. */
static const char *const CONTRACT_NEXT[] = {
    "role", "roles", "position", "positions", "basis", "opportunity",
    "assignment", "engagement", "job", "to", "length", "duration",
    "rate", "type", "extension", "until", "initially", "outside",
    "inside", "ir35", "c2c", "w2", "only", "work", "contractor", NULL};
static const char *const CONTRACT_PREV[] = {
    "on", "fixed", "term", "month", "months", "year", "week",
    "weeks", "long", "short", "rolling", "initial", "freelance",
    "temporary", "temp", "independent", "hourly", "daily", "type",
    "employment", "c2c", "w2", "1099", "day", "remote", "hybrid",
    "onsite", "site", NULL};
static const char *const NOT_CONTRACTOR[] = {
    "government", "federal", "defense", "defence", "general", "prime",
    "sub", "dod", "military", "security", NULL};
static const char *const REMOTE_NOT[] = {
    "sensing", "procedure", "access", "server", "servers", "state",
    "execution", "cache", "caching", "control", "monitoring", "patient",
    "patients", "desktop", "backend", "repository", "repo", "branch",
    "origin", "host", "hosts", "shell", "code", "debugging", "device",
    "devices", "management", "storage", "call", "calls", "api", "apis",
    "write", "read", "build", "builds", "unlock", "attestation",
    "administration", "support", "assistance", "login", "connection",
    "connections", "machine", "machines", "file", "files", NULL};
static const char *const HYBRID_NOT[] = {
    "search", "cloud", "clouds", "retrieval", "rag", "model", "models",
    "approach", "approaches", "architecture", "architectures",
    "infrastructure", "infrastructures", "environment", "environments",
    "deployment", "deployments", "system", "systems", "method",
    "methods", "ranking", "recommendation", "recommender", "index",
    "indexing", "vector", "ml", "ai", "solution", "solutions", "mlops",
    "learning", "quantum", "setup", "setups", "compute", "workload",
    "workloads", "storage", "network", "networks", "app", "apps",
    "mobile", "integration", "integrations", "on", "multi", "data",
    "inference", "pipeline", "pipelines", "edge", "graph", "queries",
    "query", "algorithms", "algorithm", "techniques", "technique",
    "stack", "stacks", "platform", "platforms", "database", "databases",
    "reasoning", "agents", "agent", "orchestration", "retrievers",
    "retriever", "sparse", "dense", "keyword", "semantic", NULL};
static const char *const ONSITE_NOT[] = {
    "interview", "interviews", "visit", "visits", "event", "events",
    "meeting", "meetings", "gym", "cafeteria", "childcare", "parking",
    "lunch", "lunches", "meals", "perks", "support", "installation",
    "installations", "hours", "customer", "customers", "offsite",
    "retreat", "retreats", NULL};

/* Every word the employment checks of terms_word() react to, and the work
 * mode's (the keyword table routes only these words there). */
static const char *const EMP_WORDS[] = {
    "contract", "contractor", "freelance", "freelancer", "c2c", "fixed",
    "ftc", "maternity", "paternity", "parental", "temporary", "permanent",
    "perm", "full", "fulltime", "intern", "internship", NULL};
static const char *const MODE_WORDS[] = {"remote", "remotely", "hybrid",
                                         "onsite", "site", "office", "based",
                                         NULL};

typedef struct termstate {
    cand emp, mode, reg;
    int reg_city;
} termstate;

/* One word of the text for the work terms. f: its keyword flags (only
 * called with KW_EMP, KW_IR35, KW_MODE or KW_CITY set); prev, prev2: the
 * two words before it ({0, 0}: none). */
static void terms_word(jdc_extract *x, termstate *tm, const char *t,
                       size_t len, int title, word w, word prev, word prev2,
                       unsigned f)
{
    /* the next word, when close and in the same sentence */
    word nx = {0, 0};
    int hn = (f & (KW_EMP | KW_MODE)) &&
             word_next(t, len, w.e, GAP_MAX, &nx) &&
             !gap_sentence(t, w.e, nx.s);
    /* ---- employment ---- */
    if (f & KW_EMP) {
        if (weq(t, w, "contract")) {
            int ok = title || (hn && win(t, nx, CONTRACT_NEXT) >= 0) ||
                     (prev.e && !gap_sentence(t, prev.e, w.s) &&
                      win(t, prev, CONTRACT_PREV) >= 0) ||
                     /* a job card's "Remote Contract" (not a word
                      * of hard-wrapped prose at a line's end) */
                     (is_upper(U(t, w.s)) &&
                      (w.e >= len || t[w.e] == '\n' || t[w.e] == '\r' ||
                       t[w.e] == ')' || t[w.e] == '`'));
            if (prev.e && !gap_sentence(t, prev.e, w.s) &&
                (weq(t, prev, "smart") || weq(t, prev, "data") ||
                 weq(t, prev, "social") || weq(t, prev, "api") ||
                 weq(t, prev, "service") || weq(t, prev, "legal") ||
                 weq(t, prev, "government")))
                ok = 0;
            if (hn && (weq(t, nx, "testing") || weq(t, nx, "tests") ||
                       weq(t, nx, "negotiation") ||
                       weq(t, nx, "negotiations") ||
                       weq(t, nx, "management") || weq(t, nx, "law") ||
                       weq(t, nx, "review")))
                ok = 0;
            if (ok) {
                /* "12 month contract", "1 year contract": fixed term */
                int fixed = prev.e &&
                            (weq(t, prev, "month") || weq(t, prev, "months") ||
                             weq(t, prev, "year")) &&
                            prev2.e && small_number(t, prev2) > 0;
                if (fixed)
                    offer(&tm->emp, JDC_EMP_FIXED_TERM, 4, title, 1, prev2.s,
                          w.e);
                else
                    offer(&tm->emp, JDC_EMP_CONTRACT, 3, title, 0, w.s, w.e);
            }
        } else if (weq(t, w, "contractor")) {
            if (!(prev.e && win(t, prev, NOT_CONTRACTOR) >= 0))
                offer(&tm->emp, JDC_EMP_CONTRACT, 3, title, 0, w.s, w.e);
        } else if (weq(t, w, "freelance") || weq(t, w, "freelancer") ||
                   weq(t, w, "c2c")) {
            offer(&tm->emp, JDC_EMP_CONTRACT, 3, title, 0, w.s, w.e);
        } else if (weq(t, w, "fixed") && hn && weq(t, nx, "term")) {
            offer(&tm->emp, JDC_EMP_FIXED_TERM, 4, title, 0, w.s, nx.e);
        } else if (weq_case(t, w, "FTC")) {
            offer(&tm->emp, JDC_EMP_FIXED_TERM, 4, title, 0, w.s, w.e);
        } else if ((weq(t, w, "maternity") || weq(t, w, "paternity") ||
                    weq(t, w, "parental")) &&
                   hn && (weq(t, nx, "cover") ||
                          (weq(t, nx, "leave") &&
                           word_next(t, len, nx.e, 2, &nx) &&
                           weq(t, nx, "cover")))) {
            offer(&tm->emp, JDC_EMP_FIXED_TERM, 4, title, 0, w.s, nx.e);
        } else if (weq(t, w, "temporary") && hn &&
                   (weq(t, nx, "role") || weq(t, nx, "position") ||
                    weq(t, nx, "contract") || weq(t, nx, "basis"))) {
            offer(&tm->emp, JDC_EMP_FIXED_TERM, 4, title, 0, w.s, nx.e);
        } else if (weq(t, w, "permanent") || weq(t, w, "perm")) {
            if (!(hn && (weq(t, nx, "resident") || weq(t, nx, "residents") ||
                         weq(t, nx, "residence") || weq(t, nx, "residency") ||
                         weq(t, nx, "address") || weq(t, nx, "record") ||
                         weq(t, nx, "establishment"))) &&
                !(weq(t, w, "perm") && prev.e && weq(t, prev, "to")))
                offer(&tm->emp, JDC_EMP_PERMANENT, 2, title, 0, w.s, w.e);
        } else if (weq(t, w, "full") && hn && weq(t, nx, "time") &&
                   (nx.s == w.e + 1) &&
                   (t[w.e] == '-' || t[w.e] == ' ')) {
            offer(&tm->emp, JDC_EMP_PERMANENT, 1, title, 0, w.s, nx.e);
        } else if (weq(t, w, "fulltime")) {
            offer(&tm->emp, JDC_EMP_PERMANENT, 1, title, 0, w.s, w.e);
        } else if (title && (weq(t, w, "intern") || weq(t, w, "internship"))) {
            offer(&tm->emp, JDC_EMP_INTERNSHIP, 5, title, 0, w.s, w.e);
        }
    }
    /* ---- IR35 ---- */
    if ((f & KW_IR35) && !x->ir35 && weq(t, w, "ir35")) {
        word cand_w[6];
        int nc = 0;
        /* nearest first: previous word, next word, then further */
        if (prev.e && !gap_sentence(t, prev.e, w.s))
            cand_w[nc++] = prev;
        word a = w;
        int added2 = 0;
        for (int k = 0; k < 3; k++) {
            word b;
            if (!word_next(t, len, a.e, GAP_MAX, &b) ||
                gap_sentence(t, a.e, b.s))
                break;
            cand_w[nc++] = b;
            a = b;
            if (k == 0 && prev2.e && !gap_sentence(t, prev2.e, w.s)) {
                cand_w[nc++] = prev2;
                added2 = 1;
            }
        }
        if (!added2 && prev2.e && !gap_sentence(t, prev2.e, w.s))
            cand_w[nc++] = prev2;
        word p3; /* "inside or outside IR35" */
        if (prev2.e && word_prev(t, 0, prev2.s, GAP_MAX, &p3) &&
            !gap_sentence(t, p3.e, w.s))
            cand_w[nc++] = p3;
        /* the nearest status word; "inside or outside IR35" says
         * neither */
        int found = 0, seen = 0;
        for (int k = 0; k < nc; k++) {
            int v = weq(t, cand_w[k], "inside") ? JDC_IR35_INSIDE
                    : weq(t, cand_w[k], "outside") ? JDC_IR35_OUTSIDE
                    : weq(t, cand_w[k], "caught") ? JDC_IR35_INSIDE : 0;
            if (v && !found) {
                found = k + 1;
                seen = v;
            } else if (v && v != seen) {
                found = 0;
                break;
            }
        }
        if (found) {
            word c = cand_w[found - 1];
            x->ir35 = seen;
            set_span(&x->ir35_span, c.s < w.s ? c.s : w.s,
                     c.e > w.e ? c.e : w.e);
        }
    }
    /* ---- work mode ---- */
    if (!(f & KW_MODE)) {
        /* no work-mode word */
    } else if (weq(t, w, "remote") || weq(t, w, "remotely")) {
        int ok = !(hn && win(t, nx, REMOTE_NOT) >= 0) &&
                 !(prev.e && (weq(t, prev, "not") || weq(t, prev, "non")));
        if (ok)
            offer(&tm->mode, JDC_MODE_REMOTE, 1, title, 0, w.s, w.e);
    } else if (weq(t, w, "hybrid")) {
        if (!(hn && win(t, nx, HYBRID_NOT) >= 0))
            offer(&tm->mode, JDC_MODE_HYBRID, 1, title, 0, w.s, w.e);
    } else if (weq(t, w, "onsite") ||
               (weq(t, w, "site") && prev.e && weq(t, prev, "on") &&
                w.s - prev.e == 1) ||
               (weq(t, w, "office") && prev.e && weq(t, prev, "in") &&
                w.s - prev.e == 1 && t[prev.e] == '-') ||
               (weq(t, w, "based") && prev.e && weq(t, prev, "office") &&
                w.s - prev.e == 1)) {
        size_t s = weq(t, w, "onsite") ? w.s : prev.s;
        int ok = !(hn && win(t, nx, ONSITE_NOT) >= 0);
        if (ok) {
            /* "on-site three days a week": hybrid */
            int days = 0;
            word a = w;
            for (int k = 0; k < 4 && !days; k++) {
                word b;
                if (!word_next(t, len, a.e, GAP_MAX, &b) ||
                    gap_sentence(t, a.e, b.s))
                    break;
                if (weq(t, b, "days") || weq(t, b, "day"))
                    days = 1;
                a = b;
            }
            if (prev2.e && (weq(t, prev2, "days") || weq(t, prev2, "day")))
                days = 1;
            offer(&tm->mode, days ? JDC_MODE_HYBRID : JDC_MODE_ONSITE, 1,
                  title, 0, s, w.e);
        }
    }
    /* ---- UK region ---- */
    if ((f & KW_CITY) && is_upper(U(t, w.s)) &&
        !(tm->reg.kind && (tm->reg.title || !title))) {
        size_t e;
        int ci = city_at(t, len, w, &e);
        if (ci >= 0 &&
            !city_abroad(t, 0, len, w, e, CITIES[ci].strict)) {
            if (!tm->reg.kind || (title && !tm->reg.title)) {
                tm->reg.kind = CITIES[ci].region;
                tm->reg.title = title;
                tm->reg.s = w.s;
                tm->reg.e = e;
                tm->reg_city = ci;
            }
        }
    }
}

static void terms_finish(jdc_extract *x, termstate *tm)
{
    /* IR35 is a contractor's status: an N-month contract with it is a
     * contract, not an employee's fixed term */
    if (tm->emp.kind == JDC_EMP_FIXED_TERM && tm->emp.soft && x->ir35)
        tm->emp.kind = JDC_EMP_CONTRACT;
    if (!tm->emp.kind && x->ir35) {
        tm->emp.kind = JDC_EMP_CONTRACT;
        tm->emp.s = x->ir35_span.start;
        tm->emp.e = x->ir35_span.end;
    }
    if (tm->emp.kind == JDC_EMP_FIXED_TERM && tm->emp.soft && x->nsalary &&
        (x->salary[0].period == JDC_PER_DAY ||
         x->salary[0].period == JDC_PER_HOUR))
        tm->emp.kind = JDC_EMP_CONTRACT;
    x->employment = tm->emp.kind;
    if (tm->emp.kind)
        set_span(&x->employment_span, tm->emp.s, tm->emp.e);
    x->workmode = tm->mode.kind;
    if (tm->mode.kind)
        set_span(&x->workmode_span, tm->mode.s, tm->mode.e);
    x->region = tm->reg.kind;
    if (tm->reg.kind) {
        set_span(&x->region_span, tm->reg.s, tm->reg.e);
        const char *name = CITIES[tm->reg_city].name;
        size_t nl = strlen(name);
        if (nl >= sizeof x->city)
            nl = sizeof x->city - 1;
        memcpy(x->city, name, nl);
        x->city[nl] = '\0';
    }
}


/* ---- keyword tables ------------------------------------------------------ */

/* jdc__extract() reads the text once and looks closely only at the words
 * that can matter: numbers, number words and "a"/"an" (years of
 * experience), level words, the work-term and city words, and where an
 * amount may start. A keyword table gives a word's roles (KW_* flags). Its
 * first look, at the low five bits of the word's first two bytes (which
 * fold the case) and its length, rejects nearly every word with one load;
 * a second one, at the first and last bytes, most of the others; the few
 * left are compared with the keywords of their bucket. Two tables: the
 * pass's words, and the words the salary code reads around an amount
 * (which the pass need not look at). Built once from the word lists above,
 * which stay the only place the words are written. */

#define KW_CAP 256
#define KW_NB 1024      /* buckets: (c0 & 31) << 5 | (c1 & 31) */
#define KW_LONGEST 24   /* longer words are never keywords (terms skip them) */

typedef struct kw_entry {
    char s[KW_LONGEST + 1];
    uint8_t n;
    uint16_t flags;
} kw_entry;

typedef struct kwtab {
    uint32_t mask[KW_NB];      /* per bucket: bit n for a keyword of n bytes */
    uint32_t mask_last[KW_NB]; /* the same by first and last byte */
    uint16_t first[KW_NB + 1]; /* per bucket: its first entry in v */
    kw_entry v[KW_CAP];
    size_t n;
} kwtab;

static kwtab KW_PASS;  /* numbers, levels, work terms, cities */
static kwtab KW_MONEY; /* salary, other money and period words */
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;

static inline unsigned kw_bucket(const unsigned char *s)
{
    return (unsigned)(s[0] & 31) << 5 | (s[1] & 31);
}

static void kw_add(kwtab *tab, const char *s, size_t n, unsigned flags)
{
    if (n < 2 || n > KW_LONGEST) {
        kw_all = 1;
        return;
    }
    char low[KW_LONGEST + 1];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)lower((unsigned char)s[i]);
    for (size_t k = 0; k < tab->n; k++)
        if (tab->v[k].n == n && memcmp(tab->v[k].s, low, n) == 0) {
            tab->v[k].flags |= (uint16_t)flags;
            return;
        }
    if (tab->n == KW_CAP) {
        kw_all = 1;
        return;
    }
    kw_entry *e = &tab->v[tab->n++];
    memset(e, 0, sizeof *e);
    memcpy(e->s, low, n);
    e->n = (uint8_t)n;
    e->flags = (uint16_t)flags;
}

typedef struct kw_list {
    const char *const *list;
    unsigned flags;
} kw_list;

static void kw_add_lists(kwtab *tab, const kw_list *lists, size_t n)
{
    for (size_t l = 0; l < n; l++)
        for (size_t i = 0; lists[l].list[i]; i++)
            kw_add(tab, lists[l].list[i], strlen(lists[l].list[i]),
                   lists[l].flags);
}

/* Sort the entries by bucket and fill the masks. */
static void kw_freeze(kwtab *tab)
{
    uint16_t count[KW_NB] = {0};
    for (size_t k = 0; k < tab->n; k++) {
        const kw_entry *e = &tab->v[k];
        unsigned b = kw_bucket((const unsigned char *)e->s);
        count[b]++;
        tab->mask[b] |= 1u << e->n;
        tab->mask_last[(unsigned)(e->s[0] & 31) << 5 | (e->s[e->n - 1] & 31)] |=
            1u << e->n;
    }
    unsigned at = 0;
    for (unsigned b = 0; b < KW_NB; b++) {
        tab->first[b] = (uint16_t)at;
        at += count[b];
    }
    tab->first[KW_NB] = (uint16_t)at;
    kw_entry sorted[KW_CAP];
    uint16_t fill[KW_NB];
    memcpy(fill, tab->first, sizeof fill);
    for (size_t k = 0; k < tab->n; k++)
        sorted[fill[kw_bucket((const unsigned char *)tab->v[k].s)]++] =
            tab->v[k];
    memcpy(tab->v, sorted, tab->n * sizeof sorted[0]);
}

static void kw_init(void)
{
    static const kw_list pass_lists[] = {
        {NUMBER_WORDS, KW_NUM},       {JUNIOR_WORDS, KW_LEVEL},
        {MID_WORDS, KW_LEVEL},        {SENIOR_WORDS, KW_LEVEL},
        {STAFF_WORDS, KW_LEVEL},      {LEVEL_OTHER_WORDS, KW_LEVEL},
        {EMP_WORDS, KW_EMP},          {MODE_WORDS, KW_MODE},
    };
    static const kw_list money_lists[] = {
        {SALARY_WORDS, KW_SALARY},    {NON_SALARY_WORDS, KW_NON_SALARY},
        {PERIOD_AFTER_WORDS, KW_PERIOD},
    };
    kw_add_lists(&KW_PASS, pass_lists,
                 sizeof pass_lists / sizeof pass_lists[0]);
    kw_add(&KW_PASS, "twenty", 6, KW_NUM); /* small_number() */
    kw_add(&KW_PASS, "ir35", 4, KW_IR35);
    for (size_t i = 0; i < sizeof CITIES / sizeof CITIES[0]; i++) {
        const char *name = CITIES[i].name, *sp = strchr(name, ' ');
        kw_add(&KW_PASS, name, sp ? (size_t)(sp - name) : strlen(name),
               KW_CITY); /* the first word; city_at() checks the case */
    }
    kw_add_lists(&KW_MONEY, money_lists,
                 sizeof money_lists / sizeof money_lists[0]);
    kw_freeze(&KW_PASS);
    kw_freeze(&KW_MONEY);
    if (kw_all) /* every word of 2 to KW_LONGEST bytes looks */
        for (unsigned b = 0; b < KW_NB; b++)
            KW_PASS.mask[b] = KW_PASS.mask_last[b] = KW_MONEY.mask[b] =
                KW_MONEY.mask_last[b] = ((2u << KW_LONGEST) - 1) & ~3u;
    for (size_t i = 0; i < NCUR; i++)
        CODE_PAIRS[CURRENCIES[i].code[0] - 'A'] |=
            1u << (CURRENCIES[i].code[1] - 'A');
}

/* The first looks: 0 when the word at s of n bytes (n >= 1) is none of
 * the table's. */
static inline int kw_maybe(const kwtab *tab, const unsigned char *u,
                           size_t s, size_t n)
{
    return n - 2 <= KW_LONGEST - 2 &&
           ((tab->mask[kw_bucket(u + s)] >> n) & 1) &&
           ((tab->mask_last[(unsigned)(u[s] & 31) << 5 | (u[s + n - 1] & 31)] >>
             n) & 1);
}

/* The keyword flags of word w, after kw_maybe(). */
static unsigned kw_find(const kwtab *tab, const char *t, word w)
{
    if (kw_all)
        return ~0u;
    size_t n = w.e - w.s;
    unsigned b = kw_bucket((const unsigned char *)t + w.s);
    for (unsigned k = tab->first[b]; k < tab->first[b + 1]; k++) {
        const kw_entry *e = &tab->v[k];
        if (e->n != n)
            continue;
        /* (c | 32 folds a letter and keeps a digit) */
        size_t i = 0;
        while (i < n && (U(t, w.s + i) | 32) == (unsigned char)e->s[i])
            i++;
        if (i == n)
            return e->flags;
    }
    return 0;
}

/* The flags of word w in one table (0 for most words). */
static unsigned kw_flags_in(const kwtab *tab, const char *t, word w)
{
    if (!kw_maybe(tab, (const unsigned char *)t, w.s, w.e - w.s))
        return 0;
    return kw_find(tab, t, w);
}

static unsigned kw_pass_flags(const char *t, word w)
{
    return kw_flags_in(&KW_PASS, t, w);
}

static unsigned kw_money_flags(const char *t, word w)
{
    return kw_flags_in(&KW_MONEY, t, w);
}

/* ---- entry point ----------------------------------------------------------- */

/* End of the word (run of ASCII letters and digits) going on at i. */
static inline size_t word_end(const unsigned char *u, size_t len, size_t i)
{
    while (i < len && is_alnum(u[i]))
        i++;
    return i;
}

/* A capitalised word where salaries may start: a currency code ("USD
 * 90,000") or a '$' within five bytes ("US$", "CA$"). With `quick`, a
 * cheaper look that may say yes for a word that is neither. */
static inline int upper_money_start(const char *t, size_t len, word w,
                                    int quick)
{
    const unsigned char *u = (const unsigned char *)t;
    if (w.e - w.s == 3 &&
        (quick ? is_upper(u[w.s + 1]) &&
                     ((CODE_PAIRS[u[w.s] - 'A'] >> (u[w.s + 1] - 'A')) & 1)
               : code_at(t, len, w.s) >= 0))
        return 1;
    size_t lim = w.s + 5 < len ? w.s + 5 : len;
    for (size_t k = w.e; k < lim; k++) /* the word itself has no '$' */
        if (u[k] == '$')
            return 1;
    return 0;
}

/* State of the pass. */
typedef struct pass {
    jdc_extract *x;
    const char *t;
    size_t len, ts, te;
    size_t sen_from;       /* body start for rules 2-3; SIZE_MAX: decided */
    size_t sal_next;       /* first position a salary may be tried at */
    size_t sal_last;       /* end of the last amount read */
    senstate sen;
    termstate tm;
    barebuf bare;          /* amounts without a currency marker */
} pass;

/* Byte classes of the pass: where a salary may start ('$', the first byte
 * of £ ¥ € ₹), and the word bytes by the kind of word they start. */
enum { P_GAP = 0, P_SYMBOL, P_DIGIT, P_UPPER, P_LOWER };
static const unsigned char PASS_CLASS[256] = {
    ['$'] = P_SYMBOL, [0xC2] = P_SYMBOL, [0xE2] = P_SYMBOL,
    ['0' ... '9'] = P_DIGIT, ['A' ... 'Z'] = P_UPPER,
    ['a' ... 'z'] = P_LOWER,
};

/* The word before the one at pos ({0, 0}: none); the pass's words are
 * whole runs, so this is the word the pass read before. */
static word word_before(const char *t, size_t pos)
{
    word w = {0, 0};
    if (!word_prev(t, 0, pos, SIZE_MAX, &w))
        w.s = w.e = 0;
    return w;
}

/* A word the pass looks at closely (a number; a capitalised word of up to
 * four bytes; a keyword candidate; a word shaped like "a" or "an"). */
static void pass_word(pass *p, word w, unsigned k)
{
    const char *t = p->t;
    const unsigned char *u = (const unsigned char *)t;
    size_t len = p->len, n = w.e - w.s;
    if (k == P_DIGIT) {
        /* an amount; years ("5+ years") */
        if (w.s >= p->sal_next)
            salary_try(p->x, &p->bare, t, len, w.s, &p->sal_next, &p->sal_last);
        if (w.s >= p->sen_from &&
            (n == 1 || (n == 2 && is_digit(u[w.s + 1]))))
            seniority_years(t, len, &p->sen, w);
        return; /* no keyword starts with a digit */
    }
    /* a currency code or prefix ("USD", "US$") */
    if (k == P_UPPER && n <= 4 && w.s >= p->sal_next &&
        upper_money_start(t, len, w, 0))
        salary_try(p->x, &p->bare, t, len, w.s, &p->sal_next, &p->sal_last);
    unsigned f = kw_maybe(&KW_PASS, u, w.s, n) ? kw_find(&KW_PASS, t, w) : 0;
    if (w.s >= p->sen_from) {
        if (f & KW_NUM)
            seniority_years(t, len, &p->sen, w);
        if (f & KW_LEVEL)
            seniority_level_word(&p->sen, w);
    }
    if (f & (KW_EMP | KW_IR35 | KW_MODE | KW_CITY)) {
        word prev = word_before(t, w.s), prev2 = {0, 0};
        if (prev.e)
            prev2 = word_before(t, prev.s);
        terms_word(p->x, &p->tm, t, len,
                   p->te > p->ts && w.s >= p->ts && w.e <= p->te, w, prev,
                   prev2, f);
    }
    /* "at least a year": "a"/"an" after "least" (years_at() reads the word
     * before from the body's start on: that word or its tail) */
    if (!(f & KW_NUM) && (u[w.s] | 32) == 'a' &&
        (n == 1 || (n == 2 && (u[w.s + 1] | 32) == 'n')) &&
        w.s >= p->sen_from) {
        word prev = word_before(t, w.s);
        word tail = {prev.e - 5, prev.e};
        if (prev.e - prev.s >= 5 && weq(t, tail, "least"))
            seniority_years(t, len, &p->sen, w);
    }
}

/* A byte of the pass where a salary may start: '$', or the first byte of a
 * UTF-8 character; only £ ¥ € ₹ of those (the others start no amount). */
static inline void pass_symbol(pass *p, size_t i)
{
    size_t n;
    int weak;
    if (i >= p->sal_next &&
        (p->t[i] == '$' || symbol_at(p->t, p->len, i, &n, &weak) >= 0))
        salary_try(p->x, &p->bare, p->t, p->len, i, &p->sal_next,
                   &p->sal_last);
}

/* A word of the pass, from s to e: only numbers, keywords, "a"/"an" and
 * capitalised words that may be currency codes or prefixes need a closer
 * look (most words are lower-case and none of these: they cost a table
 * look-up and a comparison). */
static inline __attribute__((always_inline)) void
pass_visit(pass *p, const unsigned char *u, size_t s, size_t e)
{
    unsigned c = u[s];
    size_t n = e - s;
    word w = {s, e};
    if (!kw_maybe(&KW_PASS, u, s, n)) {
        if (c >= 'a') { /* lower-case: "a", "an" */
            if (c != 'a' || n > 2 || (n == 2 && (u[s + 1] | 32) != 'n'))
                return;
        } else if (c > '9') { /* capitalised: "A", "An", "USD", "US$" */
            if (!(c == 'A' &&
                  (n == 1 || (n == 2 && (u[s + 1] | 32) == 'n'))) &&
                !(n <= 4 && upper_money_start(p->t, p->len, w, 1)))
                return;
        }
    }
    pass_word(p, w, PASS_CLASS[c]);
}

void jdc__extract(jdc_extract *out, const char *text, size_t len,
                  uint32_t title_start, uint32_t title_end)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < JDC_SALARY_MAX; i++)
        out->salary[i].min = out->salary[i].max = NAN;
    if (!text || !len)
        return;
    pthread_once(&kw_once, kw_init);
    size_t ts = title_start, te = title_end;
    if (te > len)
        te = len;
    if (ts > te)
        ts = te;
    pass p;
    p.x = out;
    p.t = text;
    p.len = len;
    p.ts = ts;
    p.te = te;
    p.sal_next = p.sal_last = 0;
    p.bare.n = 0;
    memset(&p.tm, 0, sizeof p.tm);
    p.tm.reg_city = -1;
    seniority_title(out, text, ts, te, &p.sen);
    p.sen_from = p.sen.done ? SIZE_MAX : p.sen.from;
    const unsigned char *u = (const unsigned char *)text;
    size_t from = p.sen_from;
    if (from != SIZE_MAX && from > 0 && from < len && is_alnum(u[from - 1]) &&
        is_alnum(u[from])) {
        /* the body's first word, cut by the title's end (the pass sees the
         * whole word, which is not in the body) */
        word cut = {from, word_end(u, len, from)};
        seniority_years(text, len, &p.sen, cut);
        if (kw_pass_flags(text, cut) & KW_LEVEL)
            seniority_level_word(&p.sen, cut);
    }
    /* one pass over the gaps and words in order; each part sees the
     * positions it would have visited scanning on its own. Invariant at
     * the top of each step: i starts no word in the middle (i == 0, or
     * the byte before i or at i is not a word byte). */
    size_t i = 0;
#if defined(__SSE2__) && !defined(JDC_EXTRACT_SCALAR)
    /* sixteen bytes at a time: masks of the word bytes, and of the bytes
     * where a salary may start; then the words (and those bytes) in order.
     * (JDC_EXTRACT_SCALAR selects the portable loop below alone, which
     * gives the same results: for testing.) */
    const __m128i k0 = _mm_set1_epi8('0'), k9 = _mm_set1_epi8(9),
                  ka = _mm_set1_epi8('a'), k25 = _mm_set1_epi8(25),
                  k20 = _mm_set1_epi8(0x20), kd = _mm_set1_epi8('$'),
                  kc2 = _mm_set1_epi8((char)0xC2),
                  ke2 = _mm_set1_epi8((char)0xE2);
    size_t pend = SIZE_MAX; /* start of a word going on past the block */
    while (len - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i d = _mm_sub_epi8(x, k0);
        __m128i l = _mm_sub_epi8(_mm_or_si128(x, k20), ka);
        __m128i alnum = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(d, k9), d),
                                     _mm_cmpeq_epi8(_mm_min_epu8(l, k25), l));
        unsigned A = (unsigned)_mm_movemask_epi8(alnum);
        unsigned S = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, kd),
                         _mm_or_si128(_mm_cmpeq_epi8(x, kc2),
                                      _mm_cmpeq_epi8(x, ke2))));
        unsigned st = A & ~(A << 1);        /* first bytes of words */
        unsigned en = A & ~(A >> 1) & 0x7FFFu; /* last bytes (not the
                                                * block's: may go on) */
        if (pend != SIZE_MAX) {
            unsigned stop = ~A & 0xFFFFu;
            if (!stop) { /* still the same word */
                i += 16;
                continue;
            }
            unsigned sb = (unsigned)__builtin_ctz(stop);
            pass_visit(&p, u, pend, i + sb);
            pend = SIZE_MAX;
            st &= ~1u;
            en &= 0xFFFFu << sb;
        }
        if (!S) {
            while (st) {
                unsigned b = (unsigned)__builtin_ctz(st);
                st &= st - 1;
                if (!en) {
                    pend = i + b;
                    break;
                }
                unsigned eb = (unsigned)__builtin_ctz(en);
                en &= en - 1;
                pass_visit(&p, u, i + b, i + eb + 1);
            }
        } else {
            unsigned ev = st | S;
            while (ev) {
                unsigned b = (unsigned)__builtin_ctz(ev);
                ev &= ev - 1;
                if ((S >> b) & 1) {
                    pass_symbol(&p, i + b);
                    continue;
                }
                if (!en) {
                    pend = i + b;
                    break;
                }
                unsigned eb = (unsigned)__builtin_ctz(en);
                en &= en - 1;
                pass_visit(&p, u, i + b, i + eb + 1);
            }
        }
        i += 16;
    }
    if (pend != SIZE_MAX) {
        size_t e = word_end(u, len, i);
        pass_visit(&p, u, pend, e);
        i = e;
    }
#endif
    for (;;) {
        unsigned k = P_GAP;
        while (i < len && (k = PASS_CLASS[u[i]]) < P_DIGIT) {
            if (k == P_SYMBOL)
                pass_symbol(&p, i);
            i++;
        }
        if (i >= len)
            break;
        size_t s = i;
        i = word_end(u, len, i + 1);
        pass_visit(&p, u, s, i);
    }
    seniority_finish(out, text, len, &p.sen);
    terms_finish(out, &p.tm);
    uk_finish(out, &p.bare, text, len);
}

/* ---- names ----------------------------------------------------------------- */

const char *jdc__seniority_name(int s)
{
    switch (s) {
    case JDC_SEN_JUNIOR: return "junior";
    case JDC_SEN_MID: return "mid";
    case JDC_SEN_SENIOR: return "senior";
    case JDC_SEN_STAFF: return "staff";
    default: return "unknown";
    }
}

const char *jdc__period_name(int p)
{
    switch (p) {
    case JDC_PER_YEAR: return "year";
    case JDC_PER_MONTH: return "month";
    case JDC_PER_DAY: return "day";
    case JDC_PER_HOUR: return "hour";
    default: return NULL;
    }
}

const char *jdc__employment_name(int e)
{
    switch (e) {
    case JDC_EMP_PERMANENT: return "permanent";
    case JDC_EMP_CONTRACT: return "contract";
    case JDC_EMP_FIXED_TERM: return "fixed-term";
    case JDC_EMP_INTERNSHIP: return "internship";
    default: return NULL;
    }
}

const char *jdc__ir35_name(int v)
{
    switch (v) {
    case JDC_IR35_INSIDE: return "inside";
    case JDC_IR35_OUTSIDE: return "outside";
    default: return NULL;
    }
}

const char *jdc__workmode_name(int v)
{
    switch (v) {
    case JDC_MODE_REMOTE: return "remote";
    case JDC_MODE_HYBRID: return "hybrid";
    case JDC_MODE_ONSITE: return "on-site";
    default: return NULL;
    }
}

const char *jdc__region_name(int v)
{
    switch (v) {
    case JDC_REGION_LONDON: return "london";
    case JDC_REGION_REST_OF_UK: return "rest-of-uk";
    default: return NULL;
    }
}

const char *jdc__verdict_name(int v)
{
    switch (v) {
    case JDC_MARKET_BELOW: return "below";
    case JDC_MARKET_WITHIN: return "within";
    case JDC_MARKET_ABOVE: return "above";
    default: return "unknown";
    }
}

/* ---- market bands ---------------------------------------------------------- */

#define BANDS_FORMAT "%format jdclass-bands 1"

/* A field of a bands line, trimmed. */
typedef struct field {
    const char *p;
    size_t n;
} field;

static int field_is(field f, const char *lit)
{
    return f.n == strlen(lit) && memcmp(f.p, lit, f.n) == 0;
}

/* Printable copy of a field for an error message. */
static const char *field_show(field f, char *buf, size_t cap)
{
    size_t n = f.n < cap - 4 ? f.n : cap - 4;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f.p[i];
        buf[i] = (c >= 0x20 && c < 0x7F) ? (char)c : '?';
    }
    if (n < f.n) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

/* A plain decimal number ("90000", "1200.5"), no sign, no separators;
 * locale-independent. */
static int plain_number(field f, double *v)
{
    if (!f.n || f.n > 15)
        return 0;
    uint64_t m = 0;
    int dot = 0, decimals = 0, digits = 0;
    for (size_t i = 0; i < f.n; i++) {
        unsigned char c = (unsigned char)f.p[i];
        if (c == '.' && !dot && digits) {
            dot = 1;
            continue;
        }
        if (!is_digit(c))
            return 0;
        m = m * 10 + (c - '0');
        digits++;
        decimals += dot;
    }
    if (dot && !decimals)
        return 0;
    double d = 1;
    for (int k = 0; k < decimals; k++)
        d *= 10;
    *v = (double)m / d;
    return 1;
}

static int bands_push(jdc_bands *b, const jdc_band *row)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        jdc_band *v = realloc(b->v, cap * sizeof *v);
        if (!v)
            return JDC_ENOMEM;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = *row;
    return JDC_OK;
}

/* One entry line (already trimmed, not blank, not a comment). */
static int band_line(jdc_bands *out, const char *name, size_t lineno,
                     const char *p, size_t n)
{
    field f[9];
    int nf = 0;
    size_t s = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '|') {
            if (nf < 9) {
                size_t a = s, e = i;
                while (a < e && (p[a] == ' ' || p[a] == '\t'))
                    a++;
                while (e > a && (p[e - 1] == ' ' || p[e - 1] == '\t'))
                    e--;
                f[nf].p = p + a;
                f[nf].n = e - a;
            }
            nf++;
            s = i + 1;
        }
    }
    char sh[40];
    if (nf != 8)
        return jdc__fail(JDC_EFORMAT,
                         "%s:%zu: expected 8 fields separated by '|' "
                         "(track | seniority | region | period | ir35 | min "
                         "| max | source), found %d",
                         name, lineno, nf);
    jdc_band row;
    memset(&row, 0, sizeof row);
    if (field_is(f[0], "mlops"))
        row.track = JDC_TRACK_MLOPS;
    else if (field_is(f[0], "llmops"))
        row.track = JDC_TRACK_LLMOPS;
    else
        return jdc__fail(JDC_EFORMAT, "%s:%zu: unknown track '%s' (mlops or "
                         "llmops)", name, lineno, field_show(f[0], sh, sizeof sh));
    if (field_is(f[1], "junior"))
        row.seniority = JDC_SEN_JUNIOR;
    else if (field_is(f[1], "mid"))
        row.seniority = JDC_SEN_MID;
    else if (field_is(f[1], "senior"))
        row.seniority = JDC_SEN_SENIOR;
    else if (field_is(f[1], "staff"))
        row.seniority = JDC_SEN_STAFF;
    else
        return jdc__fail(JDC_EFORMAT, "%s:%zu: unknown seniority '%s' (junior, "
                         "mid, senior or staff)", name, lineno,
                         field_show(f[1], sh, sizeof sh));
    if (field_is(f[2], "london"))
        row.region = JDC_REGION_LONDON;
    else if (field_is(f[2], "rest-of-uk"))
        row.region = JDC_REGION_REST_OF_UK;
    else if (field_is(f[2], "uk"))
        row.region = JDC_REGION_UNKNOWN; /* the whole UK */
    else
        return jdc__fail(JDC_EFORMAT, "%s:%zu: unknown region '%s' (london, "
                         "rest-of-uk or uk)", name, lineno,
                         field_show(f[2], sh, sizeof sh));
    if (field_is(f[3], "year"))
        row.period = JDC_PER_YEAR;
    else if (field_is(f[3], "day"))
        row.period = JDC_PER_DAY;
    else
        return jdc__fail(JDC_EFORMAT, "%s:%zu: unknown period '%s' (year or "
                         "day)", name, lineno, field_show(f[3], sh, sizeof sh));
    if (field_is(f[4], "inside"))
        row.ir35 = JDC_IR35_INSIDE;
    else if (field_is(f[4], "outside"))
        row.ir35 = JDC_IR35_OUTSIDE;
    else if (field_is(f[4], "-"))
        row.ir35 = JDC_IR35_UNKNOWN;
    else
        return jdc__fail(JDC_EFORMAT, "%s:%zu: unknown ir35 '%s' (inside, "
                         "outside or -)", name, lineno,
                         field_show(f[4], sh, sizeof sh));
    if (row.ir35 && row.period != JDC_PER_DAY)
        return jdc__fail(JDC_EFORMAT, "%s:%zu: ir35 applies to day rates only "
                         "(use '-' for a yearly band)", name, lineno);
    if (!plain_number(f[5], &row.min) || row.min <= 0)
        return jdc__fail(JDC_EFORMAT, "%s:%zu: bad minimum '%s' (a positive "
                         "number without separators)", name, lineno,
                         field_show(f[5], sh, sizeof sh));
    if (!plain_number(f[6], &row.max) || row.max <= 0)
        return jdc__fail(JDC_EFORMAT, "%s:%zu: bad maximum '%s' (a positive "
                         "number without separators)", name, lineno,
                         field_show(f[6], sh, sizeof sh));
    if (row.min > row.max)
        return jdc__fail(JDC_EFORMAT, "%s:%zu: minimum %s above maximum",
                         name, lineno, field_show(f[5], sh, sizeof sh));
    if (!f[7].n || field_is(f[7], "-"))
        return jdc__fail(JDC_EFORMAT, "%s:%zu: missing source (the seed file "
                         "the band comes from)", name, lineno);
    if (f[7].n >= sizeof row.source)
        return jdc__fail(JDC_EFORMAT, "%s:%zu: source longer than %zu bytes",
                         name, lineno, sizeof row.source - 1);
    for (size_t i = 0; i < f[7].n; i++) {
        unsigned char c = (unsigned char)f[7].p[i];
        if (c < 0x20 || c == 0x7F)
            return jdc__fail(JDC_EFORMAT, "%s:%zu: control character in "
                             "source", name, lineno);
    }
    memcpy(row.source, f[7].p, f[7].n);
    row.source[f[7].n] = '\0';
    if (bands_push(out, &row))
        return jdc__fail(JDC_ENOMEM, "%s:%zu: out of memory", name, lineno);
    return JDC_OK;
}

int jdc__bands_parse(jdc_bands *out, const char *name, const char *data,
                     size_t len)
{
    if (!out || (!data && len))
        return jdc__fail(JDC_EINVAL, "jdc__bands_parse: NULL argument");
    if (!name)
        name = "(bands)";
    size_t n0 = out->n, lineno = 0, i = 0;
    int rc = JDC_OK;
    if (!len) {
        return jdc__fail(JDC_EFORMAT, "%s:1: expected '%s'", name,
                         BANDS_FORMAT);
    }
    while (i < len && rc == JDC_OK) {
        size_t s = i;
        while (i < len && data[i] != '\n')
            i++;
        size_t e = i;
        if (i < len)
            i++;
        lineno++;
        if (e > s && data[e - 1] == '\r')
            e--;
        if (lineno == 1) {
            size_t fl = strlen(BANDS_FORMAT), x = e;
            while (x > s && (data[x - 1] == ' ' || data[x - 1] == '\t'))
                x--;
            if (x - s != fl || memcmp(data + s, BANDS_FORMAT, fl) != 0)
                rc = jdc__fail(JDC_EFORMAT, "%s:1: expected '%s'", name,
                               BANDS_FORMAT);
            continue;
        }
        while (s < e && (data[s] == ' ' || data[s] == '\t'))
            s++;
        while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t'))
            e--;
        if (s == e || data[s] == '#')
            continue;
        rc = band_line(out, name, lineno, data + s, e - s);
    }
    if (rc != JDC_OK)
        out->n = n0; /* nothing of a bad file is kept */
    return rc;
}

void jdc__bands_free(jdc_bands *b)
{
    if (!b)
        return;
    free(b->v);
    b->v = NULL;
    b->n = b->cap = 0;
}

/* Rows for (track, seniority, period, ir35) in `region` (JDC_REGION_UNKNOWN:
 * the UK-wide rows). The first matching row wins; for a day rate with the
 * IR35 status unknown, every matching row counts (the span from the lowest
 * minimum to the highest maximum). Returns the number of rows used. */
static int band_find(const jdc_bands *b, int track, int sen, int region,
                     int period, int ir35, double *mn, double *mx,
                     const char **src)
{
    int found = 0;
    for (size_t i = 0; i < b->n; i++) {
        const jdc_band *r = &b->v[i];
        if (r->track != track || r->seniority != sen || r->region != region ||
            r->period != period)
            continue;
        if (ir35 && r->ir35 && r->ir35 != ir35)
            continue;
        if (!found) {
            *mn = r->min;
            *mx = r->max;
            *src = r->source;
        } else {
            if (r->min < *mn)
                *mn = r->min;
            if (r->max > *mx)
                *mx = r->max;
        }
        found++;
        if (period != JDC_PER_DAY || ir35 || !r->ir35)
            break; /* first row wins */
    }
    return found;
}

void jdc__market_compare(jdc_xmarket *out, const jdc_bands *b,
                         const jdc_extract *x, int track)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    out->band_min = out->band_max = NAN;
    if (!x || !x->nsalary) {
        out->missing = "salary";
        return;
    }
    const jdc_xsalary *s = &x->salary[0];
    if (strcmp(s->currency, "GBP") != 0) {
        out->missing = "currency";
        return;
    }
    if (x->seniority < JDC_SEN_JUNIOR || x->seniority > JDC_SEN_STAFF) {
        out->missing = "seniority";
        return;
    }
    /* a hybrid role is compared with the MLOps bands */
    int tr = track == JDC_TRACK_HYBRID ? JDC_TRACK_MLOPS : track;
    if (tr != JDC_TRACK_MLOPS && tr != JDC_TRACK_LLMOPS) {
        out->missing = "track";
        return;
    }
    double value = isnan(s->min) ? s->max
                   : isnan(s->max) ? s->min : (s->min + s->max) / 2;
    if (!b || isnan(value) ||
        (s->period != JDC_PER_YEAR && s->period != JDC_PER_DAY)) {
        out->missing = "band";
        return;
    }
    int region = x->region == JDC_REGION_REST_OF_UK ? JDC_REGION_REST_OF_UK
                                                    : JDC_REGION_LONDON;
    int ir35 = s->period == JDC_PER_DAY ? x->ir35 : JDC_IR35_UNKNOWN;
    double mn = 0, mx = 0;
    const char *src = NULL;
    if (!band_find(b, tr, x->seniority, region, s->period, ir35, &mn, &mx,
                   &src) &&
        !band_find(b, tr, x->seniority, JDC_REGION_UNKNOWN, s->period, ir35,
                   &mn, &mx, &src)) {
        /* outside London with no regional row: the London band, 15-25%
         * lower (seed 000): the minimum 25% lower, the maximum 15% lower */
        if (region != JDC_REGION_REST_OF_UK ||
            !band_find(b, tr, x->seniority, JDC_REGION_LONDON, s->period,
                       ir35, &mn, &mx, &src)) {
            out->missing = "band";
            return;
        }
        mn *= 0.75;
        mx *= 0.85;
    }
    out->band_min = mn;
    out->band_max = mx;
    out->source = src;
    out->verdict = value < mn ? JDC_MARKET_BELOW
                   : value > mx ? JDC_MARKET_ABOVE : JDC_MARKET_WITHIN;
}
