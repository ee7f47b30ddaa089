/* Unit tests of the HTML converter (lib/html.c): tags, dropped elements,
 * character references, line structure, the offset map, detection, and
 * hostile input (each finishes in linear time with a defined result). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "unit.h"

static jdc_html H;

static void setup(void) { memset(&H, 0, sizeof H); }
static void teardown(void) { jdc__html_free(&H); }

/* Properties every conversion has: the size bound, a NUL-terminated text,
 * a non-decreasing map into the input that ends at len. */
static void check_invariants(size_t len)
{
    ck_assert_uint_le(H.text.len, len + JDC_HTML_SLACK);
    ck_assert_ptr_nonnull(H.map);
    ck_assert_uint_le(H.text.len + 1, H.cap);
    ck_assert(H.text.data[H.text.len] == '\0');
    ck_assert_uint_eq(H.map[H.text.len], len);
    /* plain tests in the loops: each ck_assert costs a message to the
     * runner, too slow for millions of bytes */
    for (size_t i = 0; i < H.text.len; i++) {
        if (H.map[i] >= len)
            ck_abort_msg("map[%zu] = %u, len %zu", i, (unsigned)H.map[i],
                         len);
        if (H.map[i] > H.map[i + 1])
            ck_abort_msg("map decreases at %zu", i);
    }
}

static const char *conv_n(const char *html, size_t len)
{
    ck_assert_int_eq(jdc__html_to_text(&H, html, len), JDC_OK);
    check_invariants(len);
    return H.text.data;
}

static const char *conv(const char *html) { return conv_n(html, strlen(html)); }

#define CONV_IS(html, expect) ck_assert_str_eq(conv(html), (expect))

/* The HTML bytes behind the first occurrence of `visible` in the text. */
static char *origin(const char *html, const char *visible)
{
    const char *p = strstr(H.text.data, visible);
    ck_assert_msg(p != NULL, "'%s' not in the text '%s'", visible,
                  H.text.data);
    size_t a = (size_t)(p - H.text.data), b = a + strlen(visible);
    jdc__html_span(&H, html, strlen(html), &a, &b);
    ck_assert_uint_le(a, b);
    ck_assert_uint_le(b, strlen(html));
    char *s = malloc(b - a + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, html + a, b - a);
    s[b - a] = '\0';
    return s;
}

#define ORIGIN_IS(html, visible, expect)                                       \
    do {                                                                       \
        char *o__ = origin((html), (visible));                                 \
        ck_assert_str_eq(o__, (expect));                                       \
        free(o__);                                                             \
    } while (0)

/* ---- tags and dropped content --------------------------------------------- */

START_TEST(tags_dropped)
{
    CONV_IS("", "");
    CONV_IS("plain text", "plain text");
    CONV_IS("<span>a</span><i>b</i>c", "abc");
    CONV_IS("We use <a href=\"x.html\" class='k'>MLflow</a> daily.",
            "We use MLflow daily.");
    CONV_IS("<img src=x alt=\"a picture\">text<input value=\"v\"/>", "text");
    CONV_IS("<DIV CLASS=X>Upper</DIV>", "Upper");
    CONV_IS("<p title=\"a>b\" data-x='c>d' e=f>t</p>", "t");
    CONV_IS("a <unknown-element foo=bar>b</unknown-element>", "a b");
    CONV_IS("</>x</ y>z", "xz");
    CONV_IS("a < b and c<3 and <>", "a < b and c<3 and <>");
}
END_TEST

START_TEST(dropped_elements)
{
    CONV_IS("a<script>var s = '</p><p>no';</script>b", "ab");
    CONV_IS("a<SCRIPT type=x>no</script >b", "ab");
    CONV_IS("a<script>if (x </scripts) no</script>b", "ab");
    CONV_IS("a<style>p { color: red }</style>b", "ab");
    CONV_IS("a<noscript>enable js</noscript>b", "ab");
    CONV_IS("a<textarea><p>no</p></textarea>b", "ab");
    CONV_IS("a<iframe src=x>no</iframe>b", "ab");
    CONV_IS("a<template><p>no</p><template>no</template>no</template>b",
            "ab");
    CONV_IS("a<svg viewBox='0 0 1 1'><title>icon</title><text>no</text>"
            "<svg>no</svg>no</svg>b", "ab");
    CONV_IS("a<svg/>b", "ab");
    CONV_IS("a<math><mi>x</mi></math>b", "ab");
    CONV_IS("<p>Country<select><option>UK<option>US</select></p>", "Country");
    CONV_IS("a<!-- comment <p>no</p> -->b", "ab");
    CONV_IS("a<!---->b<!-->c<!--->d", "abcd");
    CONV_IS("a<![CDATA[ no ]]>b", "ab");
    CONV_IS("<?xml version=\"1.0\"?><!DOCTYPE html>a", "a");
    CONV_IS("a<!bogus>b", "ab");
    /* an unclosed svg or select ends at a block, as in a browser */
    CONV_IS("<svg><path d=x>icon<p>Shown</p>", "Shown");
    CONV_IS("<select><option>UK<div>Shown</div>", "Shown");
    /* </body> ends everything dropped */
    CONV_IS("<template>no</body>yes", "yes");
}
END_TEST

START_TEST(title_first_line)
{
    const char *page =
        "<!DOCTYPE html><html><head><meta charset=utf-8>"
        "<title>  Senior MLOps\n Engineer &ndash; Acme </title>"
        "<link rel=stylesheet href=x.css><style>h1{}</style>"
        "<script>var t='<title>no</title>';</script></head>"
        "<body><h1>Senior MLOps Engineer</h1><p>Intro.</p>"
        "<title>second title dropped</title></body></html>";
    CONV_IS(page, "Senior MLOps Engineer \xe2\x80\x93 Acme\n\n"
                  "# Senior MLOps Engineer\n\nIntro.");
    /* <title> is text only: tags in it are text, entities are decoded */
    CONV_IS("<title>a <b> &amp; c</title>x", "a <b> & c\n\nx");
    /* unclosed: to the end of the input */
    CONV_IS("<title>Only a title", "Only a title");
}
END_TEST

/* ---- character references -------------------------------------------------- */

static const struct {
    const char *html, *text;
} refs[] = {
    {"&amp;", "&"},
    {"&lt;", "<"},
    {"&gt;", ">"},
    {"&quot;", "\""},
    {"&apos;", "'"},
    {"a&nbsp;b", "a b"},
    {"&ndash;", "\xe2\x80\x93"},
    {"&mdash;", "\xe2\x80\x94"},
    {"&lsquo;", "\xe2\x80\x98"},
    {"&rsquo;", "\xe2\x80\x99"},
    {"&ldquo;", "\xe2\x80\x9c"},
    {"&rdquo;", "\xe2\x80\x9d"},
    {"&hellip;", "\xe2\x80\xa6"},
    {"&bull;", "\xe2\x80\xa2"},
    {"&middot;", "\xc2\xb7"},
    {"&pound;", "\xc2\xa3"},
    {"&euro;", "\xe2\x82\xac"},
    {"&dollar;", "$"},
    {"&copy;", "\xc2\xa9"},
    {"&reg;", "\xc2\xae"},
    {"&trade;", "\xe2\x84\xa2"},
    {"&times;", "\xc3\x97"},
    {"&deg;", "\xc2\xb0"},
    {"&eacute;", "\xc3\xa9"},
    {"&Eacute;", "\xc3\x89"},
    {"&uuml;", "\xc3\xbc"},
    {"&ccedil;", "\xc3\xa7"},
    {"&szlig;", "\xc3\x9f"},
    {"&yuml;", "\xc3\xbf"},
    {"&AElig;", "\xc3\x86"},
    {"&zwnj;", "\xe2\x80\x8c"},
    {"&thetasym;", "\xcf\x91"},
    {"&rarr;", "\xe2\x86\x92"},
    {"&AMP;", "&"},
    /* numeric */
    {"&#65;", "A"},
    {"&#x42;", "B"},
    {"&#X43;", "C"},
    {"&#0067;", "C"},
    {"&#128512;", "\xf0\x9f\x98\x80"},
    {"&#x1F600;", "\xf0\x9f\x98\x80"},
    {"&#x10FFFF;", "\xf4\x8f\xbf\xbf"},
    {"&#233;", "\xc3\xa9"},
    {"&#8364;", "\xe2\x82\xac"},
    /* invalid -> U+FFFD */
    {"&#0;", "\xef\xbf\xbd"},
    {"&#xD800;", "\xef\xbf\xbd"},
    {"&#xDFFF;", "\xef\xbf\xbd"},
    {"&#x110000;", "\xef\xbf\xbd"},
    {"&#1114112;", "\xef\xbf\xbd"},
    {"&#99999999999999999999999999;", "\xef\xbf\xbd"},
    /* 0x80-0x9F as Windows-1252, as browsers do */
    {"&#150;", "\xe2\x80\x93"},
    {"&#146;", "\xe2\x80\x99"},
    {"&#x80;", "\xe2\x82\xac"},
    {"&#129;", "\xc2\x81"},
    /* numeric without ';' */
    {"&#65B", "AB"},
    {"&#x41g", "Ag"},
    {"x&#65", "xA"},
    /* legacy names without ';' */
    {"&amp x", "& x"},
    {"&copy 2026", "\xc2\xa9 2026"},
    {"a&lt;b&gt", "a<b>"},
    /* not references: kept as written */
    {"AT&T", "AT&T"},
    {"R&D and Q&A", "R&D and Q&A"},
    {"&foo;", "&foo;"},
    {"&eacute", "&eacute"},
    {"&ampx;", "&ampx;"},
    {"&copy2026", "&copy2026"},
    {"&#;", "&#;"},
    {"&#x;", "&#x;"},
    {"&#xg;", "&#xg;"},
    {"&", "&"},
    {"&#", "&#"},
    {"& amp;", "& amp;"},
    {"&averyveryverylongname;", "&averyveryverylongname;"},
    /* references to white space are white space */
    {"a&#32;&#9;&#10;b", "a b"},
    {"a&nbsp;&nbsp; b", "a b"},
};

START_TEST(references)
{
    CONV_IS(refs[_i].html, refs[_i].text);
}
END_TEST

START_TEST(references_in_text)
{
    CONV_IS("<p>Caf&eacute; &amp; R&amp;D &ndash; &pound;80k&hellip;</p>",
            "Caf\xc3\xa9 & R&D \xe2\x80\x93 \xc2\xa3" "80k\xe2\x80\xa6");
    /* a reference decoding to '<' does not start a tag */
    CONV_IS("&lt;p&gt;literal&lt;/p&gt;", "<p>literal</p>");
}
END_TEST

/* ---- line structure -------------------------------------------------------- */

START_TEST(blocks_break_lines)
{
    CONV_IS("<p>One.</p><p>Two.</p>", "One.\n\nTwo.");
    CONV_IS("<div>a</div><div>b</div>", "a\n\nb");
    CONV_IS("a<br>b<br/>c<BR >d", "a\nb\nc\nd");
    CONV_IS("a<hr>b", "a\n\nb");
    CONV_IS("<section><article><header>h</header>body<footer>f</footer>"
            "</article></section>", "h\n\nbody\n\nf");
    CONV_IS("<blockquote>q</blockquote>after", "q\n\nafter");
    CONV_IS("<dl><dt>Term</dt><dd>Def</dd></dl>", "Term\nDef");
    CONV_IS("<table><tr><td>Salary</td><td>&pound;90k</td></tr>"
            "<tr><th>Location</th><td>London</td></tr></table>",
            "Salary \xc2\xa3" "90k\nLocation London");
    /* empty blocks add nothing; at most one blank line; none at the ends */
    CONV_IS("<div><div><p></p></div></div>x<p></p><p></p><div>y</div><p>",
            "x\n\ny");
    /* the sentence of a paragraph ends with it */
    CONV_IS("<p>We ship models to production every week without</p>"
            "<p>Requirements</p>",
            "We ship models to production every week without\n\n"
            "Requirements");
}
END_TEST

START_TEST(headings)
{
    CONV_IS("<h1>Title</h1><h2>About the role</h2><p>x</p><h3>What you'll "
            "do</h3><h4>a</h4><h5>b</h5><h6>c</h6>",
            "# Title\n\n## About the role\n\nx\n\n### What you'll do\n\n"
            "#### a\n\n##### b\n\n###### c");
    CONV_IS("text<h2 class=x>\n  Requirements\n</h2>more",
            "text\n\n## Requirements\n\nmore");
    CONV_IS("<h2></h2>not a heading", "not a heading");
    CONV_IS("<h2><span>Nice</span> to <em>have</em></h2>",
            "## Nice to have");
}
END_TEST

START_TEST(bold_lines)
{
    CONV_IS("<p><strong>Requirements</strong></p><p>Python</p>",
            "**Requirements**\n\nPython");
    CONV_IS("<div><b>Benefits:</b></div>x", "**Benefits:**\n\nx");
    CONV_IS("<b>Only</b>", "**Only**");
    /* bold within a line is left alone */
    CONV_IS("<p><b>Note</b>: we sponsor visas</p>", "Note: we sponsor visas");
    CONV_IS("<p>We use <b>Feast</b></p>", "We use Feast");
    CONV_IS("ML<b>Ops</b> platform", "MLOps platform");
    CONV_IS("<p><b>A</b><b>B</b></p>", "AB");
    CONV_IS("<h3><b>Perks</b></h3>", "### Perks");
    CONV_IS("<li><b>Python</b></li>", "* Python");
}
END_TEST

START_TEST(lists)
{
    CONV_IS("<p>You have:</p><ul><li>Python</li><li>Kubernetes</li></ul>"
            "<p>After</p>",
            "You have:\n\n* Python\n* Kubernetes\n\nAfter");
    CONV_IS("<ol><li>one<li>two</ol>", "* one\n* two");
    CONV_IS("<ul><li></li><li>x</li></ul>", "* x");
    CONV_IS("<ul><li>\n   spaced   out\n</li></ul>", "* spaced out");
    CONV_IS("<ul><li>outer<ul><li>inner</li></ul></li></ul>",
            "* outer\n\n* inner");
}
END_TEST

START_TEST(whitespace)
{
    CONV_IS("  a \n\t b  \r\n c  ", "a b c");
    CONV_IS("<p>  lead and trail  </p>", "lead and trail");
    CONV_IS("a<span> </span>b", "a b");
    CONV_IS("a <!-- x --> b", "a b");
    CONV_IS("<pre>line 1\n  line 2\n\n\n\nline 3\r\nline 4</pre>after",
            "line 1\nline 2\n\nline 3\nline 4\n\nafter");
    CONV_IS("\xef\xbb\xbf<p>bom dropped</p>", "bom dropped");
    /* other bytes pass through: NUL, controls, invalid UTF-8 */
    const char in[] = "a\0b\x01\xff\xc3(c";
    conv_n(in, sizeof in - 1);
    ck_assert_uint_eq(H.text.len, sizeof in - 1);
    ck_assert(!memcmp(H.text.data, in, sizeof in - 1));
}
END_TEST

/* ---- the offset map -------------------------------------------------------- */

START_TEST(offset_map)
{
    const char *h = "<html><head><title>ML &amp; Ops</title></head><body>"
                    "<h2>R&eacute;sum&eacute;</h2><p>We use <b>MLflow</b> "
                    "and&nbsp;Feast.</p><ul><li>Caf&#233;</li></ul>"
                    "<p>ML<span>Ops</span> &#x1F600;</p></body></html>";
    conv(h);
    ck_assert_str_eq(H.text.data, "ML & Ops\n\n## R\xc3\xa9sum\xc3\xa9\n\n"
                                  "We use MLflow and Feast.\n\n"
                                  "* Caf\xc3\xa9\n\nMLOps \xf0\x9f\x98\x80");
    ORIGIN_IS(h, "ML & Ops", "ML &amp; Ops");
    ORIGIN_IS(h, "&", "&amp;");
    ORIGIN_IS(h, "R\xc3\xa9sum\xc3\xa9", "R&eacute;sum&eacute;");
    ORIGIN_IS(h, "\xc3\xa9sum", "&eacute;sum");
    ORIGIN_IS(h, "MLflow", "MLflow");
    ORIGIN_IS(h, "use MLflow", "use <b>MLflow");
    ORIGIN_IS(h, "and Feast.", "and&nbsp;Feast.");
    ORIGIN_IS(h, "Caf\xc3\xa9", "Caf&#233;");
    ORIGIN_IS(h, "MLOps", "ML<span>Ops");
    ORIGIN_IS(h, "\xf0\x9f\x98\x80", "&#x1F600;");
    /* every byte of a decoded reference maps to its '&' */
    const char *e = strstr(H.text.data, "\xc3\xa9");
    size_t i = (size_t)(e - H.text.data);
    ck_assert_uint_eq(H.map[i], H.map[i + 1]);
    ck_assert_int_eq(h[H.map[i]], '&');
    /* the simple rule: [map[a], map[b-1] + 1) */
    const char *w = strstr(H.text.data, "MLflow");
    size_t a = (size_t)(w - H.text.data), b = a + 6;
    ck_assert_uint_eq(H.map[b - 1] + 1 - H.map[a], 6);
    ck_assert(!memcmp(h + H.map[a], "MLflow", 6));
}
END_TEST

START_TEST(span_edges)
{
    const char *h = "<p>x &amp;</p>";
    conv(h);
    ck_assert_str_eq(H.text.data, "x &");
    size_t a = 2, b = 3;
    jdc__html_span(&H, h, strlen(h), &a, &b);
    ck_assert_uint_eq(a, 5);
    ck_assert_uint_eq(b, 10);
    /* empty and out-of-range spans */
    a = b = 1;
    jdc__html_span(&H, h, strlen(h), &a, &b);
    ck_assert_uint_eq(a, H.map[1]);
    ck_assert_uint_eq(b, a);
    a = 0;
    b = 1000;
    jdc__html_span(&H, h, strlen(h), &a, &b);
    ck_assert_uint_eq(a, 3);
    ck_assert_uint_eq(b, 10);
    a = 1000;
    b = 2000;
    jdc__html_span(&H, h, strlen(h), &a, &b);
    ck_assert_uint_eq(a, strlen(h));
    ck_assert_uint_eq(b, strlen(h));
    /* a literal '&' ends after itself */
    const char *h2 = "R&D";
    conv(h2);
    a = 0;
    b = 2;
    jdc__html_span(&H, h2, 3, &a, &b);
    ck_assert_uint_eq(a, 0);
    ck_assert_uint_eq(b, 2);
}
END_TEST

/* Every word of the text comes from HTML bytes that convert back to it. */
START_TEST(words_map_back)
{
    const char *h =
        "<!doctype html><html><head><title>LLM Platform Engineer | "
        "Acme</title><script>x=1</script></head><body>"
        "<h1>LLM Platform Engineer</h1><div class=\"intro\"><p>At "
        "Acme we&rsquo;re building <a href=/rag>RAG</a> pipelines "
        "&amp; eval<i>uation</i> tooling.</p></div>"
        "<p><strong>What you&#39;ll do</strong></p><ul><li>Own the "
        "<em>vector store</em> (pgvector&nbsp;/ Qdrant)</li>"
        "<li>Ship guard&shy;rails<!-- ! --></li></ul><table><tr>"
        "<td>Salary</td><td>&pound;95,000&ndash;&pound;120,000</td></tr>"
        "</table><p>S&atilde;o Paulo &bull; London &bull; remote</p>"
        "</body></html>";
    size_t len = strlen(h);
    conv(h);
    jdc_html back = {0};
    const char *t = H.text.data;
    size_t n = H.text.len, words = 0;
    for (size_t i = 0; i < n;) {
        if (t[i] == ' ' || t[i] == '\n' || t[i] == '*' || t[i] == '#') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && t[j] != ' ' && t[j] != '\n' && t[j] != '*')
            j++;
        size_t a = i, b = j;
        jdc__html_span(&H, h, len, &a, &b);
        ck_assert_uint_lt(a, b);
        ck_assert_int_eq(jdc__html_to_text(&back, h + a, b - a), JDC_OK);
        ck_assert_msg(back.text.len == j - i &&
                          !memcmp(back.text.data, t + i, j - i),
                      "word '%.*s' maps to '%.*s' which gives '%s'",
                      (int)(j - i), t + i, (int)(b - a), h + a,
                      back.text.data);
        words++;
        i = j;
    }
    ck_assert_uint_gt(words, 30);
    jdc__html_free(&back);
}
END_TEST

START_TEST(reuse_and_errors)
{
    char *big = malloc(100001);
    ck_assert_ptr_nonnull(big);
    memset(big, 'x', 100000);
    big[100000] = '\0';
    conv(big);
    ck_assert_uint_eq(H.text.len, 100000);
    uint32_t *map = H.map;
    CONV_IS("<p>small</p>", "small");
    ck_assert_ptr_eq(H.map, map); /* memory kept */
    free(big);
    ck_assert_int_eq(jdc__html_to_text(NULL, "x", 1), JDC_EINVAL);
    ck_assert_int_eq(jdc__html_to_text(&H, NULL, 1), JDC_EINVAL);
    ck_assert_int_eq(jdc__html_to_text(&H, NULL, 0), JDC_OK);
    ck_assert_uint_eq(H.text.len, 0);
    ck_assert_uint_eq(H.map[0], 0);
    jdc__html_free(&H);
    jdc__html_free(&H); /* twice is fine */
    jdc__html_free(NULL);
}
END_TEST

/* ---- detection -------------------------------------------------------------- */

static const char *const html_yes[] = {
    "<!DOCTYPE html><html><body>x</body></html>",
    "<!doctype html>",
    "\xef\xbb\xbf  \n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
    "<html lang=en>",
    "\n\n<HTML>",
    "<head><title>x</title></head>",
    "<body><p>x</p></body>",
    "<?xml version=\"1.0\"?>\n<!-- x -->\n<html xmlns=\"x\">",
    "<p>We are hiring.</p><p>Join us.</p>",
    "<div><ul><li>Python</li><li>Go</li></ul></div>",
    "<h2>Requirements</h2>\n<ul>\n<li>SQL\n<li>dbt\n</ul>",
    "Intro<br>line<br>line<p>para<p>para<ul><li>a<li>b",
    "<div class=\"job\"><span>Senior</span> <strong>MLOps</strong></div>",
};

static const char *const html_no[] = {
    "",
    "Senior MLOps Engineer\n\nWe build ML platforms.",
    "# Senior MLOps Engineer\n\n## Requirements\n\n* Python\n* Go\n",
    "Line one<br>\nLine two<br>\nLine three<br>\n",
    "Frontend engineer: experience with <div>, <span> and <table> layouts.",
    "salary < 100k and > 50k; a<b and c>d",
    "<3 we love ML",
    "Use List<T> and Map<K, V> in Java.",
    "<p> once",
    "<?xml version=\"1.0\"?><rss><channel></channel></rss>",
    "Some <h> and <a> and <strong>bold</strong> text.",
};

START_TEST(detect_yes)
{
    const char *s = html_yes[_i];
    ck_assert_msg(jdc__looks_like_html(s, strlen(s)) == 1, "not HTML: %s", s);
}
END_TEST

START_TEST(detect_no)
{
    const char *s = html_no[_i];
    ck_assert_msg(jdc__looks_like_html(s, strlen(s)) == 0, "HTML: %s", s);
}
END_TEST

START_TEST(detect_window)
{
    /* only the first 4 KB are read */
    size_t n = 8192;
    char *s = malloc(n + 64);
    ck_assert_ptr_nonnull(s);
    memset(s, 'x', n);
    strcpy(s + n, "<p>a</p><p>b</p><p>c</p>");
    ck_assert_int_eq(jdc__looks_like_html(s, strlen(s)), 0);
    memcpy(s + 100, "<p>a</p><p>b</p>", 16);
    ck_assert_int_eq(jdc__looks_like_html(s, strlen(s)), 1);
    free(s);
    ck_assert_int_eq(jdc__looks_like_html(NULL, 10), 0);
    ck_assert_int_eq(jdc__looks_like_html("<html>", 3), 0);
}
END_TEST

/* ---- hostile input ----------------------------------------------------------- */

static char *repeat(const char *head, const char *unit, size_t times,
                    const char *mid, const char *unit2, size_t times2,
                    const char *tail, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), ml = strlen(mid),
           u2 = strlen(unit2), tl = strlen(tail);
    size_t n = hl + ul * times + ml + u2 * times2 + tl;
    char *s = malloc(n + 1), *p = s;
    ck_assert_ptr_nonnull(s);
    memcpy(p, head, hl);
    p += hl;
    for (size_t i = 0; i < times; i++, p += ul)
        memcpy(p, unit, ul);
    memcpy(p, mid, ml);
    p += ml;
    for (size_t i = 0; i < times2; i++, p += u2)
        memcpy(p, unit2, u2);
    memcpy(p, tail, tl);
    p[tl] = '\0';
    *len = n;
    return s;
}

START_TEST(nested_100k)
{
    size_t len;
    char *s = repeat("", "<div>", 100000, "deep", "</div>", 100000, "after",
                     &len);
    ck_assert_str_eq(conv_n(s, len), "deep\n\nafter");
    free(s);
    s = repeat("", "<div><span><li>", 100000, "x", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "* x");
    free(s);
    s = repeat("a", "<svg>", 100000, "no", "</svg>", 100000, "b", &len);
    ck_assert_str_eq(conv_n(s, len), "ab");
    free(s);
    s = repeat("a", "<template>", 100000, "no", "</template>", 99999, "no",
               &len);
    ck_assert_str_eq(conv_n(s, len), "a");
    free(s);
    s = repeat("", "<b>", 100000, "bold", "</b>", 100000, "", &len);
    ck_assert_str_eq(conv_n(s, len), "**bold**");
    free(s);
    s = repeat("", "<pre>", 100000, "x\ny", "</pre>", 100000, "", &len);
    ck_assert_str_eq(conv_n(s, len), "x\ny");
    free(s);
}
END_TEST

START_TEST(huge_attribute)
{
    size_t len, mb10 = 10 * 1024 * 1024;
    char *s = repeat("<p title=\"", "a", mb10, "\">ok</p>", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "ok");
    free(s);
    s = repeat("<p data-x=", "a", mb10, ">ok</p>", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "ok");
    free(s);
    /* unterminated: the tag runs to the end and is dropped */
    s = repeat("before<p title='", "a>", mb10 / 2, "", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "before");
    free(s);
    /* a huge tag name and many attributes */
    s = repeat("<x", "y", mb10, ">ok", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "ok");
    free(s);
    s = repeat("<p", " a=b", mb10 / 4, ">ok", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "ok");
    free(s);
}
END_TEST

START_TEST(unterminated)
{
    CONV_IS("a<!-- never closed <p>b</p>", "a");
    CONV_IS("a<![CDATA[ never", "a");
    CONV_IS("a<!DOCTYPE", "a");
    CONV_IS("a<?php echo", "a");
    CONV_IS("a<script>never closed <p>b</p>", "a");
    CONV_IS("a<style>", "a");
    CONV_IS("a<div", "a");
    CONV_IS("a<div class=\"x", "a");
    CONV_IS("a<div class=x", "a");
    CONV_IS("a</div", "a");
    CONV_IS("a<", "a<");
    CONV_IS("a</", "a</");
    CONV_IS("a<!", "a");
    CONV_IS("a &#x1F60", "a \xe1\xbd\xa0"); /* U+1F60, ';' missing */
    CONV_IS("&#", "&#");
    CONV_IS("&amp", "&");
}
END_TEST

START_TEST(all_bytes)
{
    /* every byte value alone, after '<', '</', '&', '&#' and inside a tag */
    static const char *const pre[] = {"", "<", "</", "&", "&#", "&#x", "<a ",
                                      "<a x=", "<!", "<p>", "x"};
    char buf[16];
    for (size_t p = 0; p < sizeof pre / sizeof *pre; p++)
        for (int b = 0; b < 256; b++) {
            size_t pl = strlen(pre[p]);
            memcpy(buf, pre[p], pl);
            buf[pl] = (char)b;
            memcpy(buf + pl + 1, "y", 1);
            conv_n(buf, pl + 2);
        }
    /* ordinary bytes are copied as they are */
    for (int b = 0; b < 256; b++) {
        if (b == '<' || b == '&' || b == ' ' || b == '\t' || b == '\n' ||
            b == '\r' || b == '\f')
            continue;
        char in[3] = {'x', (char)b, 'y'};
        conv_n(in, 3);
        ck_assert_uint_eq(H.text.len, 3);
        ck_assert(!memcmp(H.text.data, in, 3));
    }
    /* all 256 values in one input, forwards and backwards, repeated */
    char all[2 * 256 * 64];
    for (size_t i = 0; i < sizeof all; i++)
        all[i] = (char)((i / 256) % 2 ? 255 - i % 256 : i % 256);
    conv_n(all, sizeof all);
}
END_TEST

START_TEST(output_bound)
{
    /* generated prefixes never make the text outgrow the input */
    static const char *const units[] = {"<h6>x", "<h6>x</h6>", "<li>x",
                                        "<p>x", "<br>x", "<b>x</b><p>",
                                        "<td>x", "&#0;", "&#128;", "&#x10000;",
                                        "&ge;", "&copy"};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t len;
        char *s = repeat("", units[u], 100000, "", "", 0, "", &len);
        conv_n(s, len); /* checks text.len <= len + JDC_HTML_SLACK */
        free(s);
    }
    /* the text is still there when decorations are dropped */
    size_t len;
    char *s = repeat("", "<h6>x", 100000, "", "", 0, "", &len);
    conv_n(s, len);
    size_t xs = 0;
    for (size_t i = 0; i < H.text.len; i++)
        xs += H.text.data[i] == 'x';
    ck_assert_uint_eq(xs, 100000);
    free(s);
}
END_TEST

START_TEST(floods)
{
    size_t len;
    char *s = repeat("", "&amp;", 300000, "", "", 0, "", &len);
    conv_n(s, len);
    ck_assert_uint_eq(H.text.len, 300000);
    free(s);
    s = repeat("&#", "9", 3000000, ";", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "\xef\xbf\xbd");
    free(s);
    s = repeat("", "<", 1000000, "", "", 0, "", &len);
    conv_n(s, len);
    ck_assert_uint_eq(H.text.len, 1000000);
    free(s);
    s = repeat("", "<!--", 1000000, "", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "");
    free(s);
    s = repeat("<script>", "</scrip", 1000000, "", "", 0, "x", &len);
    ck_assert_str_eq(conv_n(s, len), "");
    free(s);
    s = repeat("", "&", 1000000, "", "", 0, "", &len);
    conv_n(s, len);
    ck_assert_uint_eq(H.text.len, 1000000);
    free(s);
    s = repeat("", " \n\t", 1000000, "x", "", 0, "", &len);
    ck_assert_str_eq(conv_n(s, len), "x");
    free(s);
}
END_TEST

/* Random soup of HTML pieces: invariants hold, spans stay in range. */
START_TEST(random_soup)
{
    static const char *const pieces[] = {
        "<p>", "</p>", "<div>", "</div>", "<li>", "</li>", "<h2>", "</h2>",
        "<b>", "</b>", "<strong>", "<br>", "<pre>", "</pre>", "<script>",
        "</script>", "<svg>", "</svg>", "<template>", "</template>",
        "<select>", "</select>", "<title>", "</title>", "<!--", "-->",
        "<![CDATA[", "]]>", "<td>", "<a href=\"", "\"", "'", ">", "<", "&",
        "&amp;", "&#", "&#x", "1", "F", ";", "&eacute;", " ", "\n", "\r",
        "word", "\xc3\xa9", "\xff", "", "=", "/", "</body>", "</", "?"};
    const size_t np = sizeof pieces / sizeof *pieces;
    unsigned long long x = 0x9E3779B97F4A7C15ull;
    char buf[2048];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t count = (size_t)(x % 60);
        for (size_t k = 0; k < count; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            const char *p = pieces[x % np];
            size_t pl = strlen(p);
            memcpy(buf + len, p, pl);
            len += pl;
        }
        conv_n(buf, len);
        for (size_t a = 0; a <= H.text.len; a += 7) {
            size_t s = a, e = a + 5;
            jdc__html_span(&H, buf, len, &s, &e);
            if (s > e || e > len)
                ck_abort_msg("span [%zu, %zu) -> [%zu, %zu) of %zu", a, a + 5,
                             s, e, len);
        }
    }
}
END_TEST

Suite *html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("text");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, tags_dropped);
    tcase_add_test(tc, dropped_elements);
    tcase_add_test(tc, title_first_line);
    tcase_add_loop_test(tc, references, 0,
                        (int)(sizeof refs / sizeof *refs));
    tcase_add_test(tc, references_in_text);
    tcase_add_test(tc, blocks_break_lines);
    tcase_add_test(tc, headings);
    tcase_add_test(tc, bold_lines);
    tcase_add_test(tc, lists);
    tcase_add_test(tc, whitespace);
    suite_add_tcase(s, tc);

    tc = tcase_create("map");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, offset_map);
    tcase_add_test(tc, span_edges);
    tcase_add_test(tc, words_map_back);
    tcase_add_test(tc, reuse_and_errors);
    suite_add_tcase(s, tc);

    tc = tcase_create("detect");
    tcase_add_loop_test(tc, detect_yes, 0,
                        (int)(sizeof html_yes / sizeof *html_yes));
    tcase_add_loop_test(tc, detect_no, 0,
                        (int)(sizeof html_no / sizeof *html_no));
    tcase_add_test(tc, detect_window);
    suite_add_tcase(s, tc);

    tc = tcase_create("hostile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, nested_100k);
    tcase_add_test(tc, huge_attribute);
    tcase_add_test(tc, unterminated);
    tcase_add_test(tc, all_bytes);
    tcase_add_test(tc, output_bound);
    tcase_add_test(tc, floods);
    tcase_add_test(tc, random_soup);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(html_suite()); }
