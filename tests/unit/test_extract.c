/* Unit tests of the extractor (lib/extract.c): seniority, salary, work
 * terms, the market bands file and the market comparison. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "unit.h"

static jdc_extract X;

/* Extract from `text`; its first line is the title. */
static const jdc_extract *ex(const char *text)
{
    size_t len = strlen(text);
    const char *nl = strchr(text, '\n');
    uint32_t te = (uint32_t)(nl ? (size_t)(nl - text) : len);
    jdc__extract(&X, text, len, 0, te);
    return &X;
}

/* Extract from a body with no title. */
static const jdc_extract *body(const char *text)
{
    jdc__extract(&X, text, strlen(text), 0, 0);
    return &X;
}

static const char *span_text(const char *text, uint32_t s, uint32_t e)
{
    static char buf[256];
    size_t n = e - s < sizeof buf - 1 ? e - s : sizeof buf - 1;
    memcpy(buf, text + s, n);
    buf[n] = '\0';
    return buf;
}

/* The headline salary of a body text is min-max currency period. */
static void salary_is(const char *text, double min, double max,
                      const char *cur, int period)
{
    body(text);
    ck_assert_msg(X.nsalary >= 1, "no salary in '%s'", text);
    const jdc_xsalary *s = &X.salary[0];
    if (isnan(min))
        ck_assert_msg(isnan(s->min), "'%s': min %g, want none", text, s->min);
    else
        ck_assert_msg(s->min == min, "'%s': min %.15g, want %.15g", text,
                      s->min, min);
    ck_assert_msg(isnan(max) ? isnan(s->max) : s->max == max,
                  "'%s': max %.15g, want %.15g", text, s->max, max);
    ck_assert_msg(!strcmp(s->currency, cur), "'%s': currency %s, want %s",
                  text, s->currency, cur);
    ck_assert_msg(s->period == period, "'%s': period %d, want %d", text,
                  s->period, period);
    ck_assert_uint_le(s->start, s->end);
    ck_assert_uint_le(s->end, strlen(text));
}

static void no_salary(const char *text)
{
    body(text);
    ck_assert_msg(X.nsalary == 0, "'%s': unexpected salary %g-%g %s", text,
                  X.salary[0].min, X.salary[0].max, X.salary[0].currency);
}

/* ---- salary forms ---------------------------------------------------------- */

START_TEST(salary_gbp_range_pa)
{
    const char *t = "Salary: £90,000 – £120,000 pa, hybrid.";
    salary_is(t, 90000, 120000, "GBP", JDC_PER_YEAR);
    ck_assert_str_eq(span_text(t, X.salary[0].start, X.salary[0].end),
                     "£90,000 – £120,000 pa");
}
END_TEST

START_TEST(salary_k_range)
{
    salary_is("Paying £90k-£120k plus benefits", 90000, 120000, "GBP",
              JDC_PER_YEAR);
    salary_is("Salary: £90-120k", 90000, 120000, "GBP", JDC_PER_YEAR);
    salary_is("Salary Range: $190-200K", 190000, 200000, "USD", JDC_PER_YEAR);
    salary_is("$162K - $240K depending on experience", 162000, 240000, "USD",
              JDC_PER_YEAR);
}
END_TEST

START_TEST(salary_usd_em_dash_code)
{
    const char *t = "Annual Salary Range: $174,000—$235,000 USD, plus equity.";
    salary_is(t, 174000, 235000, "USD", JDC_PER_YEAR);
    ck_assert_str_eq(span_text(t, X.salary[0].start, X.salary[0].end),
                     "$174,000—$235,000 USD");
}
END_TEST

START_TEST(salary_up_to)
{
    const char *t = "We pay up to £85,000 for this role.";
    salary_is(t, NAN, 85000, "GBP", JDC_PER_YEAR);
    ck_assert_str_eq(span_text(t, X.salary[0].start, X.salary[0].end),
                     "up to £85,000");
    salary_is("Hourly rate: Up to USD $30.00 per hour", NAN, 30, "USD",
              JDC_PER_HOUR);
}
END_TEST

START_TEST(salary_per_day)
{
    salary_is("Rate: £650 per day, outside IR35", 650, 650, "GBP",
              JDC_PER_DAY);
}
END_TEST

START_TEST(salary_day_range_pd)
{
    const char *t = "£600 – £650 pd Remote Contract";
    salary_is(t, 600, 650, "GBP", JDC_PER_DAY);
    ck_assert_str_eq(span_text(t, X.salary[0].start, X.salary[0].end),
                     "£600 – £650 pd");
}
END_TEST

START_TEST(salary_euro_thousands_dot)
{
    salary_is("Gehalt: €70.000 brutto", 70000, 70000, "EUR", JDC_PER_YEAR);
    salary_is("EUR €102.000~€149.000", 102000, 149000, "EUR", JDC_PER_YEAR);
    salary_is("Salary 70.000 € per year", 70000, 70000, "EUR", JDC_PER_YEAR);
    salary_is("range {€56,000.00 - €74,000.00}", 56000, 74000, "EUR",
              JDC_PER_YEAR);
}
END_TEST

START_TEST(salary_range_separators)
{
    static const char *const forms[] = {
        "Salary £50,000 - £60,000",  "Salary £50,000-£60,000",
        "Salary £50,000 – £60,000",  "Salary £50,000—£60,000",
        "Salary £50,000 to £60,000", "Salary £50,000 ~ £60,000",
        "Salary £50,000 \\- £60,000", "Salary between £50,000 and £60,000",
        "Salary £50,000 - 60,000",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        salary_is(forms[i], 50000, 60000, "GBP", JDC_PER_YEAR);
}
END_TEST

START_TEST(salary_period_words)
{
    static const struct {
        const char *text;
        double v;
        int period;
    } forms[] = {
        {"£80,000 per annum", 80000, JDC_PER_YEAR},
        {"£80,000 p.a.", 80000, JDC_PER_YEAR},
        {"£80,000 annually", 80000, JDC_PER_YEAR},
        {"£80,000 a year", 80000, JDC_PER_YEAR},
        {"£80,000/year", 80000, JDC_PER_YEAR},
        {"£80,000/yr", 80000, JDC_PER_YEAR},
        {"$80,000 p/y", 80000, JDC_PER_YEAR},
        {"£80,000 per year", 80000, JDC_PER_YEAR},
        {"£500 per day", 500, JDC_PER_DAY},
        {"£500 day rate", 500, JDC_PER_DAY},
        {"£500/day", 500, JDC_PER_DAY},
        {"day rate: £500", 500, JDC_PER_DAY},
        {"$45 per hour", 45, JDC_PER_HOUR},
        {"$45/hr", 45, JDC_PER_HOUR},
        {"$45/ hour", 45, JDC_PER_HOUR},
        {"$45 hourly", 45, JDC_PER_HOUR},
        {"$24.60/hr", 24.6, JDC_PER_HOUR},
        {"£4,000 per month", 4000, JDC_PER_MONTH},
        {"£4,000/month", 4000, JDC_PER_MONTH},
        {"£4,000 monthly", 4000, JDC_PER_MONTH},
        /* not stated: from the magnitude */
        {"Salary: £45,000", 45000, JDC_PER_YEAR},
        {"Net salary: $3.100.000 CLP", 3100000, JDC_PER_MONTH},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const char *cur = strstr(forms[i].text, "CLP")   ? "CLP"
                          : strchr(forms[i].text, '$') ? "USD"
                                                       : "GBP";
        salary_is(forms[i].text, forms[i].v, forms[i].v, cur,
                  forms[i].period);
    }
}
END_TEST

START_TEST(salary_currencies)
{
    salary_is("CA$120,000 - CA$140,000", 120000, 140000, "CAD", JDC_PER_YEAR);
    salary_is("C$120,000", 120000, 120000, "CAD", JDC_PER_YEAR);
    salary_is("A$150,000", 150000, 150000, "AUD", JDC_PER_YEAR);
    salary_is("US$150,000", 150000, 150000, "USD", JDC_PER_YEAR);
    salary_is("CHF 120,000", 120000, 120000, "CHF", JDC_PER_YEAR);
    salary_is("CAD $162,000~$180,000", 162000, 180000, "CAD", JDC_PER_YEAR);
    salary_is("$113,800 - $187,800 CAD", 113800, 187800, "CAD", JDC_PER_YEAR);
    salary_is("120,000 EUR per year", 120000, 120000, "EUR", JDC_PER_YEAR);
    salary_is("base compensation range is INR 6,026,641 - 7,231,969.",
              6026641, 7231969, "INR", JDC_PER_YEAR);
    salary_is("₹12,00,000 per annum", 1200000, 1200000, "INR", JDC_PER_YEAR);
    salary_is("$185,000 USD - $265,000+ USD per year + Equity", 185000,
              265000, "USD", JDC_PER_YEAR);
    /* the currency with the upper bound only */
    salary_is("Pay: 120,000 - 140,000 USD annually", 120000, 140000, "USD",
              JDC_PER_YEAR);
    /* a job card: the clause ends at the middle dots */
    salary_is("**Harrowgate** · London (hybrid, 2 days a week in the office) "
              "· Permanent · £95,000 – £115,000 per annum",
              95000, 115000, "GBP", JDC_PER_YEAR);
    /* a failed range leaves its second amount free */
    salary_is("Level 3 - $120,000 to $150,000", 120000, 150000, "USD",
              JDC_PER_YEAR);
}
END_TEST

START_TEST(salary_single_figure)
{
    salary_is("We are targeting a starting salary of $190,000 based on level",
              190000, 190000, "USD", JDC_PER_YEAR);
    salary_is("Basic salary £34,500 overtime available", 34500, 34500, "GBP",
              JDC_PER_YEAR);
}
END_TEST

START_TEST(salary_several_ranges)
{
    const char *t =
        "USA base pay range (CA, WA, NY) per year: $190,000 - $240,000\n"
        "USA base pay range (other states) per year: $169,000 - $219,000\n"
        "Canada: $172,226 - $215,424 CAD\n"
        "Again: $190,000 - $240,000\n";
    body(t);
    ck_assert_uint_eq(X.nsalary, 3); /* the repeated range is kept once */
    ck_assert(X.salary[0].min == 190000 && X.salary[0].max == 240000);
    ck_assert(X.salary[1].min == 169000 && X.salary[1].max == 219000);
    ck_assert_str_eq(X.salary[2].currency, "CAD");
}
END_TEST

START_TEST(salary_not_bonus_equity)
{
    body("Base salary £80,000 plus a £10,000 sign-on bonus.");
    ck_assert_uint_eq(X.nsalary, 1);
    ck_assert(X.salary[0].max == 80000);
    body("Salary $110k base + $40k bonus");
    ck_assert_uint_eq(X.nsalary, 1);
    ck_assert(X.salary[0].max == 110000);
    no_salary("A £20,000 annual bonus and generous leave.");
    no_salary("OTE of £150,000 in year one.");
    no_salary("Bonus of up to $25,000 per year.");
    no_salary("You will receive $50,000 in equity.");
    no_salary("Relocation allowance of £12,000 is available.");
    no_salary("Up to $1,500 per year towards wellness.");
    no_salary("$2,000 annual vacation bonus");
    no_salary("Bonus: £10,000 - £20,000 depending on performance");
    no_salary("An annual bonus (up to £10,000) on top.");
    no_salary("$500/month ($6,000/year) bonus for working in the office");
    no_salary("Learning budget: £15,000 per year for the team");
    /* the posting calls it the salary range: kept */
    salary_is("the salary range for this position is $194,000-$278,000 OTE.",
              194000, 278000, "USD", JDC_PER_YEAR);
}
END_TEST

START_TEST(salary_not_other_numbers)
{
    no_salary("Founded in 2015, we had a great 2025.");
    no_salary("Our platform serves 10,000 users and 2,000,000 requests.");
    no_salary("We have $5M raised from great investors.");
    no_salary("We closed our Series B $40 million round.");
    no_salary("Disrupting the $30 billion video surveillance market.");
    no_salary("a revenue of €1B across EMEA");
    no_salary("Valued at $199/year per user.");
    no_salary("💰 $0/yr - $0/yr");
    no_salary("£25 per week lunch allowance");
    no_salary("Fit bonus = £15 per metre");
    no_salary("Python 3.11, 99.9% uptime, 24/7 on call");
    no_salary("A one time $2,000 incentive for new parents.");
    no_salary("$1,000 Professional Development Reimbursement");
    no_salary("Salary: 90,000 - 120,000"); /* no currency marker */
    no_salary("manages $5bn in assets");
}
END_TEST

START_TEST(salary_more_forms)
{
    /* "--" between the bounds; the dot of "/hr." */
    salary_is("The pay range is $38.00 -- $52.00 hourly.", 38, 52, "USD",
              JDC_PER_HOUR);
    salary_is("The pay range for the role is $19/hr. - $26/hr. Offers vary.",
              19, 26, "USD", JDC_PER_HOUR);
    /* low, middle and high point */
    salary_is("$70,000 - $85,000 - $100,000 Annual", 70000, 100000, "USD",
              JDC_PER_YEAR);
    /* at least: min only */
    salary_is("With more experience, pay will be over $180,000.", 180000, NAN,
              "USD", JDC_PER_YEAR);
    salary_is("Salary: $95,000+ per year", 95000, NAN, "USD", JDC_PER_YEAR);
    salary_is("Base salary starting at $120,000", 120000, NAN, "USD",
              JDC_PER_YEAR);
    /* Indian lakh and crore */
    salary_is("CTC: ₹25L–₹40L per annum", 2500000, 4000000, "INR",
              JDC_PER_YEAR);
    salary_is("Budget aside, pay is INR 1.2 Cr", 12000000, 12000000, "INR",
              JDC_PER_YEAR);
    /* hourly-sized amounts under a pay heading, or labelled annual */
    salary_is("Annual Range/Hourly Rate\n\n$18.50 - $24.00\n", 18.5, 24,
              "USD", JDC_PER_HOUR);
    salary_is("The annual salary range is $19.00 - $41.00.", 19, 41, "USD",
              JDC_PER_HOUR);
    /* "Machine Learning" is a field of work, not a learning budget */
    salary_is("* Staff Engineer, Machine Learning (Tech Lead, $210,000 - "
              "$260,000)",
              210000, 260000, "USD", JDC_PER_YEAR);
    no_salary("Learning budget: $1,500 - $2,000");
}
END_TEST

/* UK adverts write pay without the pound sign: a bare amount in pay
 * context is GBP when the advert is in the UK (a UK place, "UK", "£" or
 * "GBP" in it); elsewhere it stays unread. */
START_TEST(salary_uk_bare)
{
    salary_is("Data Engineer, Leeds\nSalary: 55k-70k + bonus", 55000, 70000,
              "GBP", JDC_PER_YEAR);
    salary_is("Hybrid in Manchester. We pay 45k- 60k DOE.", 45000, 60000,
              "GBP", JDC_PER_YEAR);
    salary_is("Contract, London.\nUp to 650 per day", NAN, 650, "GBP",
              JDC_PER_DAY);
    salary_is("Location: Bristol, UK\n72,500 + benefits", 72500, 72500,
              "GBP", JDC_PER_YEAR);
    salary_is("Remote (United Kingdom). Rate: 500-575 per day inside IR35",
              500, 575, "GBP", JDC_PER_DAY);
    /* the forms with the sign, as UK adverts write them */
    salary_is("Salary: £50-65k, Glasgow", 50000, 65000, "GBP", JDC_PER_YEAR);
    salary_is("£425-£475/day Outside IR35", 425, 475, "GBP", JDC_PER_DAY);
    /* bare amounts and the sign in one advert: in text order */
    body("London based.\nSalary: 80,000 + benefits\nBonus of up to £10,000 "
         "per year on top; contractors £700 per day.");
    ck_assert_uint_eq(X.nsalary, 2);
    ck_assert(X.salary[0].min == 80000 && X.salary[0].max == 80000);
    ck_assert(X.salary[1].min == 700 && X.salary[1].period == JDC_PER_DAY);
    /* no pay context: not a salary */
    no_salary("Our London office serves 65,000 customers.");
    no_salary("Founded in 2014 in Edinburgh, 140 people, UK-wide.");
    no_salary("Reading list for UK readers: 60k words in 3 chapters.");
    /* not in the UK: a bare amount has no currency */
    no_salary("Salary: 65,000 + benefits\nLocation: Denver, CO");
}
END_TEST

/* ---- seniority ---------------------------------------------------------- */

static void level_is(const char *text, int level, const char *evidence)
{
    ex(text);
    ck_assert_msg(X.seniority == level, "'%s': %s, want %s", text,
                  jdc__seniority_name(X.seniority),
                  jdc__seniority_name(level));
    if (evidence)
        ck_assert_str_eq(span_text(text, X.seniority_span.start,
                                   X.seniority_span.end),
                         evidence);
}

START_TEST(seniority_title_words)
{
    level_is("Sr. ML Engineer\nbody", JDC_SEN_SENIOR, "Sr");
    level_is("Snr Data Engineer\nbody", JDC_SEN_SENIOR, "Snr");
    level_is("SR Software Systems Engineer", JDC_SEN_SENIOR, "SR");
    level_is("Senior MLOps Engineer", JDC_SEN_SENIOR, "Senior");
    level_is("Software Engineer II, AI", JDC_SEN_MID, "II");
    level_is("Cloud Engineer III- US", JDC_SEN_SENIOR, "III");
    level_is("Data Engineer IV", JDC_SEN_SENIOR, "IV");
    level_is("Software Engineer I", JDC_SEN_JUNIOR, "I");
    level_is("Intermediate Site Reliability Engineer", JDC_SEN_MID,
             "Intermediate");
    level_is("QA Engineer (Mid-Level)", JDC_SEN_MID, "Mid");
    level_is("(687) Semi Senior AEP Developer", JDC_SEN_MID, "Semi Senior");
    level_is("Junior ML Engineer", JDC_SEN_JUNIOR, "Junior");
    level_is("Graduate Data Scientist", JDC_SEN_JUNIOR, "Graduate");
    level_is("Analytics Engineer Internship", JDC_SEN_JUNIOR, "Internship");
    level_is("Entry-Level ML Engineer", JDC_SEN_JUNIOR, "Entry-Level");
    level_is("Staff Machine Learning Engineer", JDC_SEN_STAFF, "Staff");
    level_is("Principal AI Engineer", JDC_SEN_STAFF, "Principal");
    level_is("Lead Backend Engineer", JDC_SEN_STAFF, "Lead");
    level_is("Team Lead Frontend", JDC_SEN_STAFF, "Lead");
    level_is("Head of Machine Learning", JDC_SEN_STAFF, "Head");
    level_is("Director of AI Platform", JDC_SEN_STAFF, "Director");
    level_is("Software Architect - Cloud", JDC_SEN_STAFF, "Architect");
    level_is("Android Software Engineering Manager", JDC_SEN_STAFF,
             "Manager");
    level_is("Associate Director, ML", JDC_SEN_STAFF, "Associate Director");
    level_is("Associate ML Engineer", JDC_SEN_JUNIOR, "Associate");
}
END_TEST

START_TEST(seniority_two_level_words)
{
    /* the first level word wins */
    level_is("Senior/Principal Systems Engineer", JDC_SEN_SENIOR, "Senior");
    level_is("Platform Engineer (Staff/Senior)", JDC_SEN_STAFF, "Staff");
    level_is("Senior Machine Learning Engineer II", JDC_SEN_SENIOR, "Senior");
    level_is("Sr. Frontend Engineer I", JDC_SEN_SENIOR, "Sr");
    /* "Senior Staff" is a grade of staff */
    level_is("Senior Staff Full-Stack Engineer", JDC_SEN_STAFF,
             "Senior Staff");
    level_is("ML Compiler Engineer, Senior Staff", JDC_SEN_STAFF,
             "Senior Staff");
}
END_TEST

START_TEST(seniority_ladder_levels)
{
    /* L-levels decide only when nothing else does */
    level_is("Conversational AI Engineer L5\nBuild bots.", JDC_SEN_SENIOR,
             "L5");
    level_is("Engineer L3\nno years", JDC_SEN_MID, "L3");
    level_is("Engineer L6", JDC_SEN_STAFF, "L6");
    level_is("Conversational AI Engineer L4\n* 5+ years of experience",
             JDC_SEN_SENIOR, "5+ years");
}
END_TEST

START_TEST(seniority_years)
{
    level_is("ML Engineer\nYou have 5+ years of experience.", JDC_SEN_SENIOR,
             "5+ years");
    level_is("ML Engineer\nYou have at least three years of experience.",
             JDC_SEN_MID, "at least three years");
    level_is("ML Engineer\n3-5 yrs experience in Python", JDC_SEN_MID,
             "3-5 yrs");
    level_is("ML Engineer\nMinimum of 2 years in a similar role", JDC_SEN_MID,
             "Minimum of 2 years");
    level_is("ML Engineer\n1-2 years of industry experience", JDC_SEN_JUNIOR,
             "1-2 years");
    level_is("ML Engineer\nfive (5) years of professional experience",
             JDC_SEN_SENIOR, "five (5) years");
    level_is("ML Engineer\n2 or more years of experience", JDC_SEN_MID, NULL);
    level_is("ML Engineer\n3 to 5 years experience", JDC_SEN_MID, "3 to 5 years");
    level_is("ML Engineer\nAt least a year building LLM applications.",
             JDC_SEN_JUNIOR, "At least a year");
    /* the largest lower bound asked for */
    level_is("ML Engineer\n- 3+ years with Docker\n- 6+ years of software "
             "engineering",
             JDC_SEN_SENIOR, "6+ years");
    /* the title's word comes first */
    level_is("Junior ML Engineer\n5+ years of experience", JDC_SEN_JUNIOR,
             "Junior");
}
END_TEST

START_TEST(seniority_not_years)
{
    level_is("ML Engineer\nWe were founded 10 years ago.", JDC_SEN_UNKNOWN,
             NULL);
    level_is("ML Engineer\nWe grew 3x in the last 5 years.", JDC_SEN_UNKNOWN,
             NULL);
    level_is("ML Engineer\nA 4 year vesting schedule.", JDC_SEN_UNKNOWN, NULL);
    level_is("ML Engineer\nBuild pipelines.", JDC_SEN_UNKNOWN, NULL);
    ck_assert_uint_eq(X.seniority_span.start, X.seniority_span.end);
}
END_TEST

START_TEST(seniority_body_statement)
{
    level_is("Data Engineer\nAs a Senior Backend Developer, you will build.",
             JDC_SEN_SENIOR, "Senior");
    level_is("AI Engineer\nWe are seeking an experienced Staff Engineer.",
             JDC_SEN_STAFF, "Staff");
    level_is("SRE\n* Senior-level experience with AWS", JDC_SEN_SENIOR,
             "Senior-level experience");
    /* mentoring juniors says nothing about the role */
    level_is("SRE\nYou will mentor junior and mid-level engineers.",
             JDC_SEN_UNKNOWN, NULL);
}
END_TEST

/* Adverts whose first line names the company, not the role (a job board
 * keeps the title in a field of its own): the level is read from the
 * body. */
START_TEST(seniority_labelled_field)
{
    level_is("acme-corp\nLocation: Leeds\nJob Title: Senior Data Engineer\n"
             "Build pipelines. 2+ years of experience.",
             JDC_SEN_SENIOR, "Senior");
    level_is("acme\n**Position:** Graduate Software Developer (2027 intake)",
             JDC_SEN_JUNIOR, "Graduate");
    level_is("acme\nRole: Principal Platform Engineer\n", JDC_SEN_STAFF,
             "Principal");
    /* a role field whose "lead" is a verb */
    level_is("acme\nRole: lead the design of our billing service.",
             JDC_SEN_UNKNOWN, NULL);
}
END_TEST

START_TEST(seniority_header_line)
{
    /* "Company | Role | Place | Terms", as Hacker News posts write it */
    level_is("Widgetly (hiring post)\n\nWidgetly | Senior Backend Engineer, "
             "Platform | Lisbon | Full-time\n\nWe build widgets. 2+ years "
             "of Go.",
             JDC_SEN_SENIOR, "Senior");
    level_is("Widgetly\nWidgetly | https://widgetly.example | Staff ML "
             "Engineer | REMOTE",
             JDC_SEN_STAFF, "Staff");
    /* the first role named has no level: the header gives none */
    level_is("Widgetly\nWidgetly | Software Engineers and Delivery Lead | "
             "Oslo | ONSITE\nWe build widgets.",
             JDC_SEN_UNKNOWN, NULL);
    /* an add-on is not the role */
    level_is("Widgetly\nWidgetly | Full-time + Intern | Oslo\nWe build "
             "widgets.",
             JDC_SEN_UNKNOWN, NULL);
    /* "Member of Technical Staff" names no level */
    level_is("Widgetly\nWidgetly | Member of Technical Staff | Oslo\n",
             JDC_SEN_UNKNOWN, NULL);
    level_is("Member of Technical Staff, Inference\nbody", JDC_SEN_UNKNOWN,
             NULL);
}
END_TEST

START_TEST(seniority_role_statement)
{
    level_is("acme\nWe are looking for an Applied Scientist III to join us.",
             JDC_SEN_SENIOR, "III");
    level_is("acme\nAs a Software Engineer II on the Search team, you will "
             "ship.",
             JDC_SEN_MID, "II");
    level_is("acme\nWe're hiring an experienced Cloud Solutions Architect.",
             JDC_SEN_STAFF, "Architect");
    level_is("acme\nAs a senior member of the data team you will own ETL.",
             JDC_SEN_SENIOR, "senior");
    level_is("acme\nThe lab is seeking Robotics Software Interns for the "
             "summer.",
             JDC_SEN_JUNIOR, "Interns");
    /* the statement names the role before the years asked for */
    level_is("acme\nWe are looking for a Lead Data Engineer.\n8+ years of "
             "experience.",
             JDC_SEN_STAFF, "Lead");
    /* not a role statement */
    level_is("acme\n5 years of experience as a Team Lead or Manager.",
             JDC_SEN_SENIOR, "5 years");
    level_is("acme\nThe hiring manager will reply within a week.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\n* Have 6+ years as a platform engineer or as a "
             "solutions architect.",
             JDC_SEN_SENIOR, "6+ years");
    level_is("acme\n- You have shipped features as a tech lead.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\nWe are a market leader in payments.", JDC_SEN_UNKNOWN,
             NULL);
}
END_TEST

START_TEST(seniority_programme)
{
    level_is("acme\nOur summer internship runs ten weeks. The intern will "
             "build dashboards.",
             JDC_SEN_JUNIOR, "internship");
    level_is("acme\nRequirements\n- Currently pursuing a Bachelor's degree "
             "in Statistics",
             JDC_SEN_JUNIOR, "Currently pursuing a Bachelor");
    level_is("acme\n* Enrolled in a degree program in Computer Science",
             JDC_SEN_JUNIOR, "Enrolled in a degree");
    level_is("acme\n- Current master's or PhD student in physics",
             JDC_SEN_JUNIOR, "Current master's or PhD student");
    level_is("acme\nAbout the job\nEntry Level Support Engineer duties: "
             "triage tickets.",
             JDC_SEN_JUNIOR, "Entry Level");
    /* interns that are not the role */
    level_is("acme\nYou will mentor interns and review code. Prior "
             "internship experience is a plus.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\nAt Acme, our internships, co-ops and full-time careers "
             "are great. We also consider internship requests.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\n- Currently enrolled in or completed a bachelor's "
             "degree\n- 3+ years of experience",
             JDC_SEN_MID, "3+ years");
}
END_TEST

START_TEST(seniority_role_list)
{
    /* several openings: the one the post spends most words on */
    level_is("acme\nWe are hiring:\n\n- Senior Product Engineer: own the "
             "checkout flow end to end, from design to on-call.\n\n- Data "
             "Analyst: dashboards.\n",
             JDC_SEN_SENIOR, "Senior");
    level_is("acme\nOpen roles:\n\n* Data Engineer: build our ingestion, "
             "storage and transformation layers with a small team.\n\n"
             "* Lead Designer: brand.\n",
             JDC_SEN_UNKNOWN, NULL);
    /* the first of equals; links are not words */
    level_is("acme\n[1] Backend Engineer https://jobs.example.com/a/b/c\n\n"
             "[2] Staff Backend Engineer https://jobs.example.com/d\n",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\nOpen Roles: Fullstack Engineer (Senior) * Data Engineer "
             "(1-2 years)",
             JDC_SEN_SENIOR, "Senior");
    /* requirement bullets are not openings */
    level_is("acme\n* Mentor and guide junior engineers, and review code.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\n* Architect, build and run our data platform.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("acme\nAll roles: ML Infrastructure (Staff+) * Security "
             "Engineer. All need 6 years of experience.",
             JDC_SEN_STAFF, "Staff");
}
END_TEST

START_TEST(seniority_years_forms)
{
    level_is("acme\nYou: 6-7 YOE with TypeScript.", JDC_SEN_SENIOR, "6-7 YOE");
    level_is("acme\n- 3-9 years shipping ML in production", JDC_SEN_MID,
             "3-9 years");
    level_is("acme\nOur founders have 30+ years combined in robotics.",
             JDC_SEN_UNKNOWN, NULL);
    level_is("# CTO\nacme", JDC_SEN_STAFF, "CTO");
}
END_TEST

/* ---- work terms ---------------------------------------------------------- */

START_TEST(terms_employment)
{
    ck_assert_int_eq(body("This is a permanent role.")->employment,
                     JDC_EMP_PERMANENT);
    ck_assert_int_eq(body("A full-time position.")->employment,
                     JDC_EMP_PERMANENT);
    ck_assert_int_eq(body("This is a contract role.")->employment,
                     JDC_EMP_CONTRACT);
    ck_assert_int_eq(body("We offer long-term freelance work.")->employment,
                     JDC_EMP_CONTRACT);
    ck_assert_int_eq(body("12 month fixed-term contract")->employment,
                     JDC_EMP_FIXED_TERM);
    ck_assert_int_eq(body("Role type: FTC to March")->employment,
                     JDC_EMP_FIXED_TERM);
    ck_assert_int_eq(ex("Site Reliability Engineer (1 year contract)\nx")
                         ->employment,
                     JDC_EMP_FIXED_TERM);
    /* an N-month contract with an IR35 status is a contractor's */
    ck_assert_int_eq(body("6 month contract, outside IR35")->employment,
                     JDC_EMP_CONTRACT);
    ck_assert_int_eq(ex("Analytics Engineer Internship\nx")->employment,
                     JDC_EMP_INTERNSHIP);
    /* the title wins over the body */
    ck_assert_int_eq(ex("Contract: Senior AI Engineer\nA full-time role.")
                         ->employment,
                     JDC_EMP_CONTRACT);
    const char *t = "Full-time employees only; contract to hire possible.";
    body(t);
    ck_assert_int_eq(X.employment, JDC_EMP_CONTRACT);
    ck_assert_str_eq(span_text(t, X.employment_span.start,
                               X.employment_span.end),
                     "contract");
    /* not employment terms */
    ck_assert_int_eq(body("Write smart contracts in Solidity.")->employment,
                     JDC_EMP_UNKNOWN);
    ck_assert_int_eq(body("This does not create a contract or offer.")
                         ->employment,
                     JDC_EMP_UNKNOWN);
    ck_assert_int_eq(body("We work on contract testing.")->employment,
                     JDC_EMP_UNKNOWN);
    /* a word of wrapped prose at a line's end is no job card */
    ck_assert_int_eq(body("call tools (clause search, contract\nreview)")
                         ->employment,
                     JDC_EMP_UNKNOWN);
    ck_assert_int_eq(body("£600 pd · Remote Contract\n")->employment,
                     JDC_EMP_CONTRACT);
    ck_assert_int_eq(ex("Smart Contract Engineer\nSolidity")->employment,
                     JDC_EMP_UNKNOWN);
    ck_assert_int_eq(body("We are a government contractor.")->employment,
                     JDC_EMP_UNKNOWN);
    ck_assert_int_eq(body("Must be a permanent resident.")->employment,
                     JDC_EMP_UNKNOWN);
    ck_assert_int_eq(body("You will mentor interns.")->employment,
                     JDC_EMP_UNKNOWN);
}
END_TEST

START_TEST(terms_ir35)
{
    const char *t = "Contract, £600 pd, Outside IR35, remote.";
    body(t);
    ck_assert_int_eq(X.ir35, JDC_IR35_OUTSIDE);
    ck_assert_str_eq(span_text(t, X.ir35_span.start, X.ir35_span.end),
                     "Outside IR35");
    ck_assert_int_eq(body("This role is inside IR35.")->ir35,
                     JDC_IR35_INSIDE);
    ck_assert_int_eq(body("IR35 status: outside")->ir35, JDC_IR35_OUTSIDE);
    ck_assert_int_eq(body("Outside of IR35")->ir35, JDC_IR35_OUTSIDE);
    ck_assert_int_eq(body("We will determine IR35 later.")->ir35,
                     JDC_IR35_UNKNOWN);
    ck_assert_int_eq(body("Inside or outside IR35, to be decided.")->ir35,
                     JDC_IR35_UNKNOWN);
    /* an IR35 status alone makes it a contract */
    ck_assert_int_eq(body("Inside IR35, 6 months")->employment,
                     JDC_EMP_CONTRACT);
}
END_TEST

START_TEST(terms_workmode)
{
    const char *t = "Location: London (Hybrid, 2 days a week)";
    body(t);
    ck_assert_int_eq(X.workmode, JDC_MODE_HYBRID);
    ck_assert_str_eq(span_text(t, X.workmode_span.start, X.workmode_span.end),
                     "Hybrid");
    ck_assert_int_eq(body("This is a fully remote role.")->workmode,
                     JDC_MODE_REMOTE);
    ck_assert_int_eq(body("You can work remotely.")->workmode,
                     JDC_MODE_REMOTE);
    ck_assert_int_eq(body("This role is on-site in Leeds.")->workmode,
                     JDC_MODE_ONSITE);
    ck_assert_int_eq(body("Onsite, Bristol")->workmode, JDC_MODE_ONSITE);
    ck_assert_int_eq(body("An office-based role.")->workmode,
                     JDC_MODE_ONSITE);
    ck_assert_int_eq(body("In-office three days a week.")->workmode,
                     JDC_MODE_HYBRID);
    ck_assert_int_eq(ex("ML Engineer (Remote)\nHybrid working possible.")
                         ->workmode,
                     JDC_MODE_REMOTE);
    /* not work modes */
    ck_assert_int_eq(body("Build hybrid search with BM25.")->workmode,
                     JDC_MODE_UNKNOWN);
    ck_assert_int_eq(body("Experience with hybrid cloud.")->workmode,
                     JDC_MODE_UNKNOWN);
    ck_assert_int_eq(body("Remote sensing data and Terraform remote state.")
                         ->workmode,
                     JDC_MODE_UNKNOWN);
    ck_assert_int_eq(body("Onsite interviews in May.")->workmode,
                     JDC_MODE_UNKNOWN);
}
END_TEST

START_TEST(terms_region)
{
    const char *t = "Location: Manchester, UK";
    body(t);
    ck_assert_int_eq(X.region, JDC_REGION_REST_OF_UK);
    ck_assert_str_eq(X.city, "Manchester");
    ck_assert_str_eq(span_text(t, X.region_span.start, X.region_span.end),
                     "Manchester");
    body("Based in London, England");
    ck_assert_int_eq(X.region, JDC_REGION_LONDON);
    ck_assert_str_eq(X.city, "London");
    static const char *const rest[] = {"Edinburgh", "Bristol", "Cambridge",
                                       "Glasgow", "Leeds", "Birmingham",
                                       "Oxford", "Belfast", "Cardiff",
                                       "Newcastle", "Stevenage",
                                       "Milton Keynes"};
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "Our office in %s is lovely.", rest[i]);
        body(buf);
        ck_assert_msg(X.region == JDC_REGION_REST_OF_UK, "%s", rest[i]);
        ck_assert_str_eq(X.city, rest[i]);
    }
    ck_assert_int_eq(body("Reading, Berkshire")->region,
                     JDC_REGION_REST_OF_UK);
    /* a district and a postcode around the city are no list of offices */
    ck_assert_int_eq(body("Paddington, London, W2 1HU")->region,
                     JDC_REGION_LONDON);
    ck_assert_str_eq(body("LONDON - HYBRID")->city, "London");
    /* a title city wins over the body's */
    ex("ML Engineer - Leeds\nOur HQ is in London.");
    ck_assert_str_eq(X.city, "Leeds");
    /* not a UK posting place */
    ck_assert_int_eq(body("Based in New York.")->region, JDC_REGION_UNKNOWN);
    ck_assert_int_eq(body("Cambridge, MA or remote")->region,
                     JDC_REGION_UNKNOWN);
    ck_assert_int_eq(body("London, Ontario")->region, JDC_REGION_UNKNOWN);
    ck_assert_int_eq(body("Reading the docs is fun.")->region,
                     JDC_REGION_UNKNOWN);
    ck_assert_int_eq(body("Hubs in San Francisco, Austin, and London.")
                         ->region,
                     JDC_REGION_UNKNOWN);
    ck_assert_int_eq(body("A stipend for those based outside London.")
                         ->region,
                     JDC_REGION_UNKNOWN);
    ck_assert_str_eq(body("")->city, "");
}
END_TEST

/* ---- any bytes, linear time ---------------------------------------------- */

static void check_spans(size_t len)
{
    ck_assert_uint_le(X.seniority_span.start, X.seniority_span.end);
    ck_assert_uint_le(X.seniority_span.end, len);
    ck_assert_uint_le(X.nsalary, JDC_SALARY_MAX);
    for (size_t i = 0; i < X.nsalary; i++) {
        ck_assert_uint_le(X.salary[i].start, X.salary[i].end);
        ck_assert_uint_le(X.salary[i].end, len);
        ck_assert(!isnan(X.salary[i].max));
        ck_assert(isnan(X.salary[i].min) ||
                  X.salary[i].min <= X.salary[i].max);
        ck_assert_uint_eq(strlen(X.salary[i].currency), 3);
    }
    ck_assert_uint_le(X.employment_span.end, len);
    ck_assert_uint_le(X.ir35_span.end, len);
    ck_assert_uint_le(X.workmode_span.end, len);
    ck_assert_uint_le(X.region_span.end, len);
    ck_assert_uint_lt(strlen(X.city), sizeof X.city);
}

START_TEST(any_bytes)
{
    static const char nul[] = "Senior\0Engineer\n£90,000\0 - £100,000 pa\0"
                              "\xff\xfe London \xc2\xa3\xe2\x80 5+\x00years";
    jdc__extract(&X, nul, sizeof nul - 1, 0, 6);
    ck_assert_int_eq(X.seniority, JDC_SEN_SENIOR);
    check_spans(sizeof nul - 1);
    /* truncated UTF-8 at the very end: £, €, – */
    static const char *const tails[] = {"\xc2", "\xe2\x82", "\xe2\x80", "$",
                                        "£9", "9k", "CA$", "USD", "IR35"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        jdc__extract(&X, tails[i], strlen(tails[i]), 0, 0);
        check_spans(strlen(tails[i]));
    }
    /* random bytes */
    unsigned seed = 12345;
    char buf[4096];
    static const char alphabet[] = "£€$0123456789,.-–k Kp/ayeardhourIR35"
                                   "London\n\xff\x00+~senior years";
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + (size_t)(round * 13) % sizeof buf;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = round % 2 ? (char)(seed >> 16)
                               : alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        jdc__extract(&X, buf, n, 0, (uint32_t)(n / 3));
        check_spans(n);
    }
    /* NULL text with len 0; title beyond the text */
    jdc__extract(&X, NULL, 0, 0, 0);
    ck_assert_int_eq(X.seniority, JDC_SEN_UNKNOWN);
    ck_assert_uint_eq(X.nsalary, 0);
    jdc__extract(&X, "Senior", 6, 3, 900);
    check_spans(6);
}
END_TEST

static double run_time(const char *unit, size_t reps)
{
    size_t ul = strlen(unit), n = ul * reps;
    char *text = malloc(n + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ul, unit, ul);
    text[n] = '\0';
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    jdc__extract(&X, text, n, 0, (uint32_t)(n < 200 ? n : 200));
    clock_gettime(CLOCK_MONOTONIC, &b);
    check_spans(n);
    free(text);
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

START_TEST(linear_time)
{
    /* inputs that would make a rescanning extractor quadratic: time grows
     * about 8x for 8x the input (quadratic: 64x); the bound is generous
     * against timer noise on a busy machine */
    static const char *const units[] = {
        "$1-$2-", "5 years ", "£90,000 – ", "London, ", "1111111111",
        "a a a a ", "IR35 ", "1 - 2 - ", "Austin, London, ", "Senior ", "contract ", ",,,,..", "£",
        "\xe2\x80\x93", "up to ", "USD ",
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        double t1 = run_time(units[i], 4000);
        double t8 = run_time(units[i], 32000);
        ck_assert_msg(t8 < 40 * t1 + 0.05, "'%s': %.4fs then %.4fs", units[i],
                      t1, t8);
    }
    /* one very long word and one very long number */
    run_time("x", 500000);
    run_time("9", 500000);
}
END_TEST

/* ---- bands ------------------------------------------------------------------ */

static jdc_bands B;

static void bands_setup(void) { memset(&B, 0, sizeof B); }
static void bands_teardown(void) { jdc__bands_free(&B); }

static int parse(const char *text)
{
    return jdc__bands_parse(&B, "test.bands", text, strlen(text));
}

#define HDR "%format jdclass-bands 1\n"

static void bad_bands(const char *text, const char *message)
{
    size_t n0 = B.n;
    ck_assert_int_eq(parse(text), JDC_EFORMAT);
    ck_assert_msg(strstr(jdc_error_last(), message) != NULL,
                  "error '%s', want '%s'", jdc_error_last(), message);
    ck_assert_uint_eq(B.n, n0); /* nothing of a bad file is kept */
}

START_TEST(bands_shipped_file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/models/uk-market.bands",
             JDCLASS_SOURCE_DIR);
    size_t len;
    char *data = unit_read(path, &len);
    ck_assert_int_eq(jdc__bands_parse(&B, "uk-market.bands", data, len),
                     JDC_OK);
    free(data);
    ck_assert_uint_eq(B.n, 19);
    for (size_t i = 0; i < B.n; i++) {
        ck_assert(B.v[i].min > 0 && B.v[i].min <= B.v[i].max);
        ck_assert(!strncmp(B.v[i].source, "seeds/00", 8));
    }
    /* first row: seed 002 junior MLOps London */
    ck_assert_int_eq(B.v[0].track, JDC_TRACK_MLOPS);
    ck_assert_int_eq(B.v[0].seniority, JDC_SEN_JUNIOR);
    ck_assert_int_eq(B.v[0].region, JDC_REGION_LONDON);
    ck_assert(B.v[0].min == 45000 && B.v[0].max == 68000);
    ck_assert_str_eq(B.v[0].source, "seeds/002");
    /* last row: senior LLMOps day rate outside IR35 */
    const jdc_band *d = &B.v[B.n - 1];
    ck_assert_int_eq(d->track, JDC_TRACK_LLMOPS);
    ck_assert_int_eq(d->period, JDC_PER_DAY);
    ck_assert_int_eq(d->ir35, JDC_IR35_OUTSIDE);
    ck_assert(d->min == 800 && d->max == 1200);
}
END_TEST

START_TEST(bands_parse_ok)
{
    ck_assert_int_eq(parse(HDR "# comment\n\n"
                               "  mlops | senior | london | year | - | 90000 |"
                               " 120000 | seeds/000  \r\n"
                               "llmops|staff|rest-of-uk|day|outside|1200.5|"
                               "1500|seeds/000\n"),
                     JDC_OK);
    ck_assert_uint_eq(B.n, 2);
    ck_assert(B.v[1].min == 1200.5);
    ck_assert_int_eq(B.v[1].region, JDC_REGION_REST_OF_UK);
    ck_assert_str_eq(B.v[0].source, "seeds/000");
    /* a second file appends */
    ck_assert_int_eq(parse(HDR "mlops|mid|uk|day|-|400|600|x\n"), JDC_OK);
    ck_assert_uint_eq(B.n, 3);
    ck_assert_int_eq(B.v[2].region, JDC_REGION_UNKNOWN);
}
END_TEST

START_TEST(bands_parse_errors)
{
    bad_bands("", "test.bands:1: expected '%format jdclass-bands 1'");
    bad_bands("%format jdclass-bands 2\n", "test.bands:1: expected");
    bad_bands("mlops|senior|london|year|-|1|2|s\n", "test.bands:1:");
    bad_bands(HDR "mlops | senior | london | year | - | 90000 | 120000\n",
              "test.bands:2: expected 8 fields");
    bad_bands(HDR "\n# c\nmlop|senior|london|year|-|1|2|s\n",
              "test.bands:4: unknown track 'mlop'");
    bad_bands(HDR "mlops|lead|london|year|-|1|2|s\n",
              "test.bands:2: unknown seniority 'lead'");
    bad_bands(HDR "mlops|senior|paris|year|-|1|2|s\n",
              "test.bands:2: unknown region 'paris'");
    bad_bands(HDR "mlops|senior|london|week|-|1|2|s\n",
              "test.bands:2: unknown period 'week'");
    bad_bands(HDR "mlops|senior|london|day|maybe|1|2|s\n",
              "test.bands:2: unknown ir35 'maybe'");
    bad_bands(HDR "mlops|senior|london|year|inside|1|2|s\n",
              "test.bands:2: ir35 applies to day rates only");
    bad_bands(HDR "mlops|senior|london|year|-|90,000|120000|s\n",
              "test.bands:2: bad minimum '90,000'");
    bad_bands(HDR "mlops|senior|london|year|-|90000|120k|s\n",
              "test.bands:2: bad maximum '120k'");
    bad_bands(HDR "mlops|senior|london|year|-|0|1|s\n",
              "test.bands:2: bad minimum '0'");
    bad_bands(HDR "mlops|senior|london|year|-|5|4|s\n",
              "test.bands:2: minimum 5 above maximum");
    bad_bands(HDR "mlops|senior|london|year|-|1|2|-\n",
              "test.bands:2: missing source");
    bad_bands(HDR "mlops|senior|london|year|-|1|2|"
                  "0123456789012345678901234567890123456789012345678\n",
              "test.bands:2: source longer than 47 bytes");
    /* a good line then a bad one: nothing kept, the bad line named */
    bad_bands(HDR "mlops|senior|london|year|-|1|2|s\n"
                  "mlops|senior|london|year|-|1|2|s|extra\n",
              "test.bands:3: expected 8 fields");
    ck_assert_uint_eq(B.n, 0);
    /* NUL bytes and invalid UTF-8 are reported, not trusted */
    static const char nul[] = HDR "ml\0ps|senior|london|year|-|1|2|s\n";
    ck_assert_int_eq(jdc__bands_parse(&B, "n.bands", nul, sizeof nul - 1),
                     JDC_EFORMAT);
    ck_assert(strstr(jdc_error_last(), "n.bands:2: unknown track 'ml?ps'"));
    ck_assert_int_eq(jdc__bands_parse(NULL, "x", "", 0), JDC_EINVAL);
}
END_TEST

/* ---- market comparison ------------------------------------------------------ */

static void load_shipped(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/models/uk-market.bands",
             JDCLASS_SOURCE_DIR);
    size_t len;
    char *data = unit_read(path, &len);
    ck_assert_int_eq(jdc__bands_parse(&B, "uk-market.bands", data, len),
                     JDC_OK);
    free(data);
}

/* An extraction with one salary. */
static jdc_extract *posting(double min, double max, const char *cur,
                            int period, int seniority, int region, int ir35)
{
    memset(&X, 0, sizeof X);
    X.nsalary = cur ? 1 : 0;
    X.salary[0].min = min;
    X.salary[0].max = max;
    snprintf(X.salary[0].currency, sizeof X.salary[0].currency, "%s",
             cur ? cur : "");
    X.salary[0].period = period;
    X.seniority = seniority;
    X.region = region;
    X.ir35 = ir35;
    return &X;
}

static jdc_xmarket M;

static void verdict_is(int track, int verdict, double bmin, double bmax,
                       const char *source)
{
    jdc__market_compare(&M, &B, &X, track);
    ck_assert_msg(M.verdict == verdict, "verdict %s (missing %s), want %s",
                  jdc__verdict_name(M.verdict),
                  M.missing ? M.missing : "-", jdc__verdict_name(verdict));
    ck_assert_msg(M.band_min == bmin && M.band_max == bmax,
                  "band %g-%g, want %g-%g", M.band_min, M.band_max, bmin,
                  bmax);
    ck_assert_str_eq(M.source, source);
    ck_assert_ptr_null(M.missing);
}

START_TEST(market_verdicts)
{
    load_shipped();
    /* MLOps senior London: seed 002 wins over seed 000 (first row) */
    posting(120000, 130000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_WITHIN, 100000, 150000,
               "seeds/002");
    posting(80000, 90000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_BELOW, 100000, 150000,
               "seeds/002");
    posting(170000, 190000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_ABOVE, 100000, 150000,
               "seeds/002");
    /* the midpoint decides: 95k-115k has midpoint 105k */
    posting(95000, 115000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_WITHIN, 100000, 150000,
               "seeds/002");
    /* "up to": the maximum */
    posting(NAN, 95000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_BELOW, 100000, 150000,
               "seeds/002");
    /* unknown region: London */
    posting(160000, 160000, "GBP", JDC_PER_YEAR, JDC_SEN_STAFF,
            JDC_REGION_UNKNOWN, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_WITHIN, 150000, 200000,
               "seeds/002");
    /* LLMOps: seed 000; junior and mid share a band */
    posting(60000, 65000, "GBP", JDC_PER_YEAR, JDC_SEN_MID,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_BELOW, 70000, 95000, "seeds/000");
    posting(60000, 65000, "GBP", JDC_PER_YEAR, JDC_SEN_JUNIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_BELOW, 70000, 95000, "seeds/000");
    /* hybrid: the MLOps band */
    posting(120000, 130000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_HYBRID, JDC_MARKET_WITHIN, 100000, 150000,
               "seeds/002");
}
END_TEST

START_TEST(market_rest_of_uk)
{
    load_shipped();
    /* MLOps has a regional row (seed 002) */
    posting(80000, 80000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_REST_OF_UK, 0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_BELOW, 85000, 130000, "seeds/002");
    /* LLMOps has none: London 110k-150k, minimum 25% and maximum 15% lower */
    posting(80000, 80000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_REST_OF_UK, 0);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_BELOW, 82500, 127500,
               "seeds/000");
    posting(100000, 100000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_REST_OF_UK, 0);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_WITHIN, 82500, 127500,
               "seeds/000");
    posting(130000, 130000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_REST_OF_UK, 0);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_ABOVE, 82500, 127500,
               "seeds/000");
    /* the same salary in London is below the LLMOps band */
    posting(100000, 100000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_BELOW, 110000, 150000,
               "seeds/000");
    /* day rates are UK-wide: no reduction */
    posting(700, 700, "GBP", JDC_PER_DAY, JDC_SEN_SENIOR,
            JDC_REGION_REST_OF_UK, JDC_IR35_OUTSIDE);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_WITHIN, 650, 900, "seeds/000");
}
END_TEST

START_TEST(market_day_rates)
{
    load_shipped();
    posting(800, 800, "GBP", JDC_PER_DAY, JDC_SEN_SENIOR, JDC_REGION_LONDON,
            JDC_IR35_INSIDE);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_ABOVE, 550, 750, "seeds/000");
    posting(800, 800, "GBP", JDC_PER_DAY, JDC_SEN_SENIOR, JDC_REGION_LONDON,
            JDC_IR35_OUTSIDE);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_WITHIN, 650, 900, "seeds/000");
    /* IR35 not stated: inside minimum to outside maximum */
    posting(500, 520, "GBP", JDC_PER_DAY, JDC_SEN_SENIOR, JDC_REGION_LONDON,
            0);
    verdict_is(JDC_TRACK_MLOPS, JDC_MARKET_BELOW, 550, 900, "seeds/000");
    posting(1300, 1300, "GBP", JDC_PER_DAY, JDC_SEN_SENIOR,
            JDC_REGION_UNKNOWN, JDC_IR35_OUTSIDE);
    verdict_is(JDC_TRACK_LLMOPS, JDC_MARKET_ABOVE, 800, 1200, "seeds/000");
}
END_TEST

static void missing_is(int track, const char *what)
{
    jdc__market_compare(&M, &B, &X, track);
    ck_assert_int_eq(M.verdict, JDC_MARKET_UNKNOWN);
    ck_assert_ptr_nonnull(M.missing);
    ck_assert_str_eq(M.missing, what);
    ck_assert_ptr_null(M.source);
    ck_assert(isnan(M.band_min) && isnan(M.band_max));
}

START_TEST(market_missing)
{
    load_shipped();
    posting(0, 0, NULL, 0, JDC_SEN_SENIOR, JDC_REGION_LONDON, 0);
    missing_is(JDC_TRACK_MLOPS, "salary");
    posting(150000, 180000, "USD", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    missing_is(JDC_TRACK_MLOPS, "currency");
    posting(90000, 100000, "GBP", JDC_PER_YEAR, JDC_SEN_UNKNOWN,
            JDC_REGION_LONDON, 0);
    missing_is(JDC_TRACK_MLOPS, "seniority");
    posting(90000, 100000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR,
            JDC_REGION_LONDON, 0);
    missing_is(JDC_TRACK_OTHER, "track");
    /* no day rate for juniors, none for LLMOps inside IR35 */
    posting(400, 400, "GBP", JDC_PER_DAY, JDC_SEN_JUNIOR, JDC_REGION_LONDON,
            0);
    missing_is(JDC_TRACK_MLOPS, "band");
    posting(900, 900, "GBP", JDC_PER_DAY, JDC_SEN_SENIOR, JDC_REGION_LONDON,
            JDC_IR35_INSIDE);
    missing_is(JDC_TRACK_LLMOPS, "band");
    /* an hourly or monthly figure has no band */
    posting(60, 60, "GBP", JDC_PER_HOUR, JDC_SEN_SENIOR, JDC_REGION_LONDON,
            0);
    missing_is(JDC_TRACK_MLOPS, "band");
    /* the order: salary before currency before seniority before track */
    posting(0, 0, NULL, 0, JDC_SEN_UNKNOWN, 0, 0);
    missing_is(JDC_TRACK_OTHER, "salary");
    posting(1, 1, "EUR", JDC_PER_YEAR, JDC_SEN_UNKNOWN, 0, 0);
    missing_is(JDC_TRACK_OTHER, "currency");
    posting(90000, 90000, "GBP", JDC_PER_YEAR, JDC_SEN_UNKNOWN, 0, 0);
    missing_is(JDC_TRACK_OTHER, "seniority");
    /* no bands at all */
    jdc_bands empty = {0};
    posting(90000, 90000, "GBP", JDC_PER_YEAR, JDC_SEN_SENIOR, 0, 0);
    jdc__market_compare(&M, &empty, &X, JDC_TRACK_MLOPS);
    ck_assert_str_eq(M.missing, "band");
}
END_TEST

START_TEST(market_end_to_end)
{
    load_shipped();
    ex("Senior MLOps Engineer\nLocation: Manchester (hybrid)\n"
       "Salary: £70,000 - £80,000 per annum\nPermanent.");
    ck_assert_int_eq(X.seniority, JDC_SEN_SENIOR);
    ck_assert_int_eq(X.region, JDC_REGION_REST_OF_UK);
    ck_assert_int_eq(X.workmode, JDC_MODE_HYBRID);
    ck_assert_int_eq(X.employment, JDC_EMP_PERMANENT);
    jdc__market_compare(&M, &B, &X, JDC_TRACK_MLOPS);
    ck_assert_int_eq(M.verdict, JDC_MARKET_BELOW);
    ck_assert(M.band_min == 85000 && M.band_max == 130000);
}
END_TEST

START_TEST(names)
{
    ck_assert_str_eq(jdc__seniority_name(JDC_SEN_JUNIOR), "junior");
    ck_assert_str_eq(jdc__seniority_name(JDC_SEN_STAFF), "staff");
    ck_assert_str_eq(jdc__seniority_name(99), "unknown");
    ck_assert_str_eq(jdc__period_name(JDC_PER_DAY), "day");
    ck_assert_ptr_null(jdc__period_name(JDC_PER_NONE));
    ck_assert_str_eq(jdc__employment_name(JDC_EMP_FIXED_TERM), "fixed-term");
    ck_assert_ptr_null(jdc__employment_name(0));
    ck_assert_str_eq(jdc__ir35_name(JDC_IR35_OUTSIDE), "outside");
    ck_assert_ptr_null(jdc__ir35_name(0));
    ck_assert_str_eq(jdc__workmode_name(JDC_MODE_ONSITE), "on-site");
    ck_assert_ptr_null(jdc__workmode_name(0));
    ck_assert_str_eq(jdc__region_name(JDC_REGION_REST_OF_UK), "rest-of-uk");
    ck_assert_ptr_null(jdc__region_name(0));
    ck_assert_str_eq(jdc__verdict_name(JDC_MARKET_ABOVE), "above");
    ck_assert_str_eq(jdc__verdict_name(0), "unknown");
}
END_TEST

Suite *extract_suite(void)
{
    Suite *s = suite_create("extract");
    TCase *sal = tcase_create("salary");
    tcase_add_test(sal, salary_gbp_range_pa);
    tcase_add_test(sal, salary_k_range);
    tcase_add_test(sal, salary_usd_em_dash_code);
    tcase_add_test(sal, salary_up_to);
    tcase_add_test(sal, salary_per_day);
    tcase_add_test(sal, salary_day_range_pd);
    tcase_add_test(sal, salary_euro_thousands_dot);
    tcase_add_test(sal, salary_range_separators);
    tcase_add_test(sal, salary_period_words);
    tcase_add_test(sal, salary_currencies);
    tcase_add_test(sal, salary_single_figure);
    tcase_add_test(sal, salary_several_ranges);
    tcase_add_test(sal, salary_not_bonus_equity);
    tcase_add_test(sal, salary_not_other_numbers);
    tcase_add_test(sal, salary_more_forms);
    tcase_add_test(sal, salary_uk_bare);
    suite_add_tcase(s, sal);

    TCase *sen = tcase_create("seniority");
    tcase_add_test(sen, seniority_title_words);
    tcase_add_test(sen, seniority_two_level_words);
    tcase_add_test(sen, seniority_ladder_levels);
    tcase_add_test(sen, seniority_years);
    tcase_add_test(sen, seniority_not_years);
    tcase_add_test(sen, seniority_body_statement);
    tcase_add_test(sen, seniority_labelled_field);
    tcase_add_test(sen, seniority_header_line);
    tcase_add_test(sen, seniority_role_statement);
    tcase_add_test(sen, seniority_programme);
    tcase_add_test(sen, seniority_role_list);
    tcase_add_test(sen, seniority_years_forms);
    suite_add_tcase(s, sen);

    TCase *ter = tcase_create("terms");
    tcase_add_test(ter, terms_employment);
    tcase_add_test(ter, terms_ir35);
    tcase_add_test(ter, terms_workmode);
    tcase_add_test(ter, terms_region);
    suite_add_tcase(s, ter);

    TCase *rob = tcase_create("robustness");
    tcase_add_test(rob, any_bytes);
    tcase_add_test(rob, linear_time);
    suite_add_tcase(s, rob);

    TCase *mk = tcase_create("bands");
    tcase_add_checked_fixture(mk, bands_setup, bands_teardown);
    tcase_add_test(mk, bands_shipped_file);
    tcase_add_test(mk, bands_parse_ok);
    tcase_add_test(mk, bands_parse_errors);
    tcase_add_test(mk, market_verdicts);
    tcase_add_test(mk, market_rest_of_uk);
    tcase_add_test(mk, market_day_rates);
    tcase_add_test(mk, market_missing);
    tcase_add_test(mk, market_end_to_end);
    tcase_add_test(mk, names);
    suite_add_tcase(s, mk);
    return s;
}

int main(void) { return unit_run(extract_suite()); }
