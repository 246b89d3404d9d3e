/* card.c: model-card sections: lenient heading matching and the missing/empty check (pure) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/card.h"
#include "handoff/xmalloc.h"

static const char *const section_names[HF_CARD_NSECTIONS] = {
	"model details", "intended use", "factors", "metrics", "evaluation data", "training data",
	"quantitative analyses", "ethical considerations", "caveats and recommendations",
};

const char *hf_card_section_name(enum hf_card_section s)
{
	return (unsigned)s < HF_CARD_NSECTIONS ? section_names[s] : "unknown";
}

/*
 * Heading names after normalise() (lower case, singular, fillers and
 * numbering dropped). A heading listing several names ("Bias, Risks, and
 * Limitations") is matched whole and part by part.
 */
static const struct {
	const char *heading;
	enum hf_card_section section;
} synonyms[] = {
	{ "model detail", HF_CARD_MODEL_DETAILS }, { "detail", HF_CARD_MODEL_DETAILS },
	{ "model description", HF_CARD_MODEL_DETAILS }, { "description", HF_CARD_MODEL_DETAILS },
	{ "model overview", HF_CARD_MODEL_DETAILS }, { "overview", HF_CARD_MODEL_DETAILS },
	{ "model information", HF_CARD_MODEL_DETAILS }, { "model info", HF_CARD_MODEL_DETAILS },
	{ "model summary", HF_CARD_MODEL_DETAILS }, { "architecture", HF_CARD_MODEL_DETAILS },
	{ "technical specification", HF_CARD_MODEL_DETAILS }, { "hardware", HF_CARD_MODEL_DETAILS },
	{ "software", HF_CARD_MODEL_DETAILS }, { "implementation information", HF_CARD_MODEL_DETAILS },
	{ "compute infrastructure", HF_CARD_MODEL_DETAILS },
	{ "intended use", HF_CARD_INTENDED_USE }, { "use", HF_CARD_INTENDED_USE },
	{ "use case", HF_CARD_INTENDED_USE }, { "intended use case", HF_CARD_INTENDED_USE },
	{ "primary intended use", HF_CARD_INTENDED_USE }, { "direct use", HF_CARD_INTENDED_USE },
	{ "downstream use", HF_CARD_INTENDED_USE }, { "evaluated use", HF_CARD_INTENDED_USE },
	{ "intended usage", HF_CARD_INTENDED_USE }, { "model usage", HF_CARD_INTENDED_USE },
	{ "intended user", HF_CARD_INTENDED_USE }, { "primary use case", HF_CARD_INTENDED_USE },
	{ "out scope use", HF_CARD_INTENDED_USE }, { "out scope use case", HF_CARD_INTENDED_USE },
	{ "out scope", HF_CARD_INTENDED_USE }, { "misuse", HF_CARD_INTENDED_USE },
	{ "malicious use", HF_CARD_INTENDED_USE }, { "intended use limitation", HF_CARD_INTENDED_USE },
	{ "factor", HF_CARD_FACTORS }, { "relevant factor", HF_CARD_FACTORS },
	{ "evaluation factor", HF_CARD_FACTORS },
	{ "metric", HF_CARD_METRICS }, { "model performance measure", HF_CARD_METRICS },
	{ "performance measure", HF_CARD_METRICS }, { "performance metric", HF_CARD_METRICS },
	{ "evaluation metric", HF_CARD_METRICS },
	{ "evaluation data", HF_CARD_EVALUATION_DATA }, { "eval data", HF_CARD_EVALUATION_DATA },
	{ "test data", HF_CARD_EVALUATION_DATA }, { "testing data", HF_CARD_EVALUATION_DATA },
	{ "validation data", HF_CARD_EVALUATION_DATA }, { "evaluation set", HF_CARD_EVALUATION_DATA },
	{ "test set", HF_CARD_EVALUATION_DATA },
	{ "training data", HF_CARD_TRAINING_DATA }, { "train data", HF_CARD_TRAINING_DATA },
	{ "training set", HF_CARD_TRAINING_DATA }, { "training corpu", HF_CARD_TRAINING_DATA },
	{ "pretraining data", HF_CARD_TRAINING_DATA }, { "pre training data", HF_CARD_TRAINING_DATA },
	{ "training", HF_CARD_TRAINING_DATA }, { "training detail", HF_CARD_TRAINING_DATA },
	{ "quantitative analyse", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "result", HF_CARD_QUANTITATIVE_ANALYSES }, { "evaluation result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "performance result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "quantitative result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "unitary result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "intersectional result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "performance", HF_CARD_QUANTITATIVE_ANALYSES }, { "evaluation", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "benchmark", HF_CARD_QUANTITATIVE_ANALYSES }, { "benchmark result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "ethical consideration", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "ethic consideration", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "ethic", HF_CARD_ETHICAL_CONSIDERATIONS }, { "ethical", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "ethical concern", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "bias", HF_CARD_ETHICAL_CONSIDERATIONS }, { "risk", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "harm", HF_CARD_ETHICAL_CONSIDERATIONS }, { "fairness", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "broader implication", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "broader impact", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "social impact", HF_CARD_ETHICAL_CONSIDERATIONS }, { "safety", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "responsible ai", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "responsible ai consideration", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "caveat recommendation", HF_CARD_CAVEATS }, { "caveat", HF_CARD_CAVEATS },
	{ "recommendation", HF_CARD_CAVEATS }, { "limitation", HF_CARD_CAVEATS },
	{ "known limitation", HF_CARD_CAVEATS },
};

static const char *const fillers[] = { "the", "a", "an", "of", "for", "on", "this", "our", NULL };
static const char *const romans[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
				      "xi", "xii", NULL };

static bool in_list(const char *w, const char *const list[])
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

static bool all_digits(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++)
		if (*w < '0' || *w > '9')
			return false;
	return true;
}

/* One word to its singular, canonical spelling, in place. */
static void canon_word(char *w)
{
	static const struct {
		const char *from, *to;
	} irregular[] = {
		{ "analysis", "analyse" }, { "analyses", "analyse" }, { "dataset", "data" },
		{ "datasets", "data" }, { "biases", "bias" },
	};
	size_t n = strlen(w);

	for (size_t i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++)
		if (strcmp(w, irregular[i].from) == 0) {
			memcpy(w, irregular[i].to, strlen(irregular[i].to) + 1);	/* never longer */
			return;
		}
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'i' && w[n - 2] != 'u' &&
	    w[n - 2] != 'a')
		w[n - 1] = '\0';
}

#define SEP "|"		/* between the parts of a list of names */
#define MAXWORDS 32

struct words {
	char buf[256];
	char *w[MAXWORDS];
	size_t n;
};

/*
 * Splits heading text into canonical words: letters and digits, lower case,
 * HTML tags, parenthesised text and leading numbering dropped, singular, "data set" as
 * "data"; ",", "&", "/", ";" and "and" become SEP.
 */
static void normalise(const char *text, struct words *out)
{
	char *buf = out->buf, *p;
	size_t o = 0, depth = 0, first = 0, keep = 0;

	for (const char *s = text; *s && o + 6 < sizeof(out->buf); s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '(' || c == '[') {
			depth++;
			continue;
		}
		if ((c == ')' || c == ']') && depth) {
			depth--;
			buf[o++] = ' ';
			continue;
		}
		if (depth)
			continue;
		if (c == '<' && (s[1] == '/' || ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z'))) {
			const char *gt = strchr(s, '>');	/* an HTML tag: <span id="x"> */

			if (gt) {
				s = gt;
				buf[o++] = ' ';
				continue;
			}
		}
		if (c >= 'A' && c <= 'Z')
			buf[o++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[o++] = (char)c;
		else if (c == '&' || c == ',' || c == '/' || c == ';') {
			memcpy(buf + o, " " SEP " ", 3);
			o += 3;
		} else if (c == '\'')
			continue;	/* "model's" -> "models" */
		else
			buf[o++] = ' ';
	}
	buf[o] = '\0';
	out->n = 0;
	p = buf;
	while (*p && out->n < MAXWORDS) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		out->w[out->n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	/* leading numbering: "1", "2 3" (from 2.3), "iv", "a" (from "A)") */
	while (first + 1 < out->n && (all_digits(out->w[first]) || in_list(out->w[first], romans) ||
				      strlen(out->w[first]) == 1))
		first++;
	for (size_t i = first; i < out->n; i++) {
		char *w = out->w[i];

		canon_word(w);
		if (strcmp(w, "and") == 0)
			w = SEP;
		if (strcmp(w, "set") == 0 && keep && strcmp(out->w[keep - 1], "data") == 0)
			continue;
		if (strcmp(w, SEP) == 0 && (!keep || strcmp(out->w[keep - 1], SEP) == 0))
			continue;
		out->w[keep++] = w;
	}
	while (keep && strcmp(out->w[keep - 1], SEP) == 0)
		keep--;
	out->n = keep;
}

/* Words [from, to) without fillers and SEPs, joined by spaces into out. */
static void join(const struct words *ws, size_t from, size_t to, char *out, size_t size)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = from; i < to; i++) {
		const char *w = ws->w[i];
		size_t wl = strlen(w);

		if (in_list(w, fillers) || strcmp(w, SEP) == 0)
			continue;
		if (o + wl + 2 >= size)
			break;
		if (o)
			out[o++] = ' ';
		memcpy(out + o, w, wl + 1);
		o += wl;
	}
}

static int lookup(const char *norm)
{
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strcmp(norm, synonyms[i].heading) == 0)
			return (int)synonyms[i].section;
	return -1;
}

/* The section a name (words [from, to)) stands for: as is, without a leading "model", or cut before "of"/"for". */
static int match_words(const struct words *ws, size_t from, size_t to)
{
	char norm[256];
	int s;

	join(ws, from, to, norm, sizeof(norm));
	if (!norm[0])
		return -1;
	if ((s = lookup(norm)) >= 0)
		return s;
	if (strncmp(norm, "model ", 6) == 0 && (s = lookup(norm + 6)) >= 0)
		return s;
	/* "Limitations of Phi-2", "Metrics for evaluation" */
	for (size_t k = from + 1; k < to; k++)
		if ((strcmp(ws->w[k], "of") == 0 || strcmp(ws->w[k], "for") == 0) &&
		    (s = match_words(ws, from, k)) >= 0)
			return s;
	return -1;
}

unsigned hf_card_match_sections(const char *heading)
{
	struct words ws;
	unsigned mask = 0;
	size_t from = 0;
	int s;

	if (!heading)
		return 0;
	normalise(heading, &ws);
	if ((s = match_words(&ws, 0, ws.n)) >= 0)
		mask |= 1u << s;
	for (size_t i = 0; i <= ws.n; i++) {
		if (i < ws.n && strcmp(ws.w[i], SEP) != 0)
			continue;
		if (i > from && (from > 0 || i < ws.n) && (s = match_words(&ws, from, i)) >= 0)
			mask |= 1u << s;
		from = i + 1;
	}
	return mask;
}

int hf_card_match_heading(const char *heading)
{
	unsigned mask = hf_card_match_sections(heading);

	for (int s = 0; s < HF_CARD_NSECTIONS; s++)
		if (mask & (1u << s))
			return s;
	return -1;
}

/* A bold line or a label paragraph is a heading below every ATX level. */
#define INLINE_LEVEL 7

struct line {
	const char *text;
	size_t len;
	int level;		/* heading level, 0 for none */
	unsigned sections;	/* for a heading, the sections it names */
	bool skip;		/* front matter, a setext underline, a label's later lines: neither heading nor text */
	bool fence;		/* inside (or opening/closing) a code fence */
};

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static size_t indent(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Length of s[0, n) without trailing blanks. */
static size_t trimmed(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n;
}

static bool fence_marker(const char *s, size_t n)
{
	size_t i = indent(s, n);

	return i < 4 && n - i >= 3 &&
	       ((s[i] == '`' && s[i + 1] == '`' && s[i + 2] == '`') ||
		(s[i] == '~' && s[i + 1] == '~' && s[i + 2] == '~'));
}

static unsigned sections_of(const char *text, size_t len)
{
	char *h = xstrndup(text, len);
	unsigned mask = hf_card_match_sections(h);

	free(h);
	return mask;
}

static void atx(struct line *l)
{
	size_t i = indent(l->text, l->len), h = 0, end;

	if (i > 3)
		return;
	while (i + h < l->len && l->text[i + h] == '#')
		h++;
	if (h < 1 || h > 6)
		return;
	if (i + h < l->len && l->text[i + h] != ' ' && l->text[i + h] != '\t')
		return;
	i += h;
	end = trimmed(l->text, l->len);
	while (end > i && l->text[end - 1] == '#')
		end--;
	while (i < end && (l->text[i] == ' ' || l->text[i] == '\t'))
		i++;
	l->level = (int)h;
	l->sections = sections_of(l->text + i, end > i ? end - i : 0);
}

/* A setext underline: only '=' or only '-' (with surrounding blanks). */
static int underline_level(const char *s, size_t n)
{
	size_t i = indent(s, n), count = 0;
	char c;

	if (i > 3 || i >= n || (s[i] != '=' && s[i] != '-'))
		return 0;
	c = s[i];
	for (; i < n; i++) {
		if (s[i] == c)
			count++;
		else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	}
	return count ? (c == '=' ? 1 : 2) : 0;
}

/* A list item, quote or table row: not a paragraph of its own. */
static bool block_marker(const char *s, size_t n)
{
	size_t i = indent(s, n);

	if (i >= n)
		return false;
	if (s[i] == '>' || s[i] == '|' || s[i] == '<')
		return true;
	if ((s[i] == '-' || s[i] == '*' || s[i] == '+') && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t'))
		return true;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > indent(s, n) && i < n && (s[i] == '.' || s[i] == ')') && (i + 1 == n || s[i + 1] == ' ');
}

/*
 * A line that is only bold text ("**Training data**", "__Uses__:"): its inner
 * text in *text, *tlen. Two bold spans or bold followed by prose are not.
 */
static bool bold_only(const char *s, size_t n, const char **text, size_t *tlen)
{
	size_t i = indent(s, n), end = trimmed(s, n), close;
	char d;

	if (i > 3 || end < i + 5 || (s[i] != '*' && s[i] != '_') || s[i + 1] != s[i])
		return false;
	d = s[i];
	if (end > i && s[end - 1] == ':')
		end--;
	if (end < i + 5 || s[end - 1] != d || s[end - 2] != d)
		return false;
	close = end - 2;
	i += 2;
	if (i < close && s[i] == d)	/* "***x***" */
		i++, close -= (s[close - 1] == d);
	if (i >= close || s[i] == ' ' || s[close - 1] == ' ')
		return false;
	for (size_t k = i; k + 1 < close; k++)
		if (s[k] == d && s[k + 1] == d)
			return false;
	*text = s + i;
	*tlen = close - i;
	return true;
}

/* Whether line i opens a paragraph: first line, or after a blank, a heading, an underline, a fence or HTML. */
static bool opens_paragraph(const struct line *lines, size_t i, size_t first)
{
	const struct line *p;

	if (i == first)
		return true;
	p = &lines[i - 1];
	return p->level || p->skip || p->fence || is_blank(p->text, p->len) ||
	       p->text[indent(p->text, p->len)] == '<';
}

/*
 * A bold line opening a paragraph, or a short paragraph (up to 3 lines and 12
 * words) ending in ':' ("Training data:"), becomes a heading when it names a
 * section; a bold phrase inside a paragraph or before prose stays text.
 */
static void inline_heading(struct line *lines, size_t n, size_t i, size_t first)
{
	struct line *l = &lines[i];
	const char *t;
	size_t tlen, k, words = 0;
	char buf[512];
	size_t o = 0;

	if (l->level || l->skip || l->fence || is_blank(l->text, l->len) || indent(l->text, l->len) > 3 ||
	    !opens_paragraph(lines, i, first))
		return;
	if (bold_only(l->text, l->len, &t, &tlen)) {
		if ((l->sections = sections_of(t, tlen)))
			l->level = INLINE_LEVEL;
		return;
	}
	if (block_marker(l->text, l->len))
		return;
	for (k = i; k < n && k < i + 3; k++) {
		const struct line *p = &lines[k];
		size_t e = trimmed(p->text, p->len), b = indent(p->text, p->len);

		if (p->level || p->skip || p->fence || is_blank(p->text, p->len))
			break;
		for (size_t c = b; c < e; c++)
			if ((c == b || p->text[c - 1] == ' ') && p->text[c] != ' ')
				words++;
		if (o + (e - b) + 2 >= sizeof(buf))
			return;
		if (o)
			buf[o++] = ' ';
		memcpy(buf + o, p->text + b, e - b);
		o += e - b;
		if (e > b && p->text[e - 1] == ':')
			break;
	}
	if (k == n || k == i + 3 || !o || buf[o - 1] != ':' || words > 12)
		return;
	if (k + 1 < n && !lines[k + 1].level && !lines[k + 1].fence && !is_blank(lines[k + 1].text, lines[k + 1].len) &&
	    !block_marker(lines[k + 1].text, lines[k + 1].len))
		return;	/* a lead-in to more prose, not a label */
	if (!(l->sections = sections_of(buf, o - 1)))
		return;
	l->level = INLINE_LEVEL;
	for (size_t j = i + 1; j <= k; j++)
		lines[j].skip = true;
}

static bool is_placeholder(const char *norm)
{
	static const char *const placeholders[] = {
		"todo", "tbd", "tba", "fixme", "n a", "na", "xxx", "more information needed", "coming soon",
		"to do", "to be done", "to be added", "lorem ipsum",
		/* the Hugging Face template's stock sentence, with either spelling of its last word */
		"users both direct and downstream should be made aware of the risks biases and limitations of "
		"the model more information needed for further",
		NULL
	};

	for (size_t i = 0; placeholders[i]; i++) {
		size_t pl = strlen(placeholders[i]);

		if (strncmp(norm, placeholders[i], pl) == 0 && (norm[pl] == '\0' ||
		    (norm[pl] == ' ' && pl > 3)))
			return true;
	}
	/* "TODO: describe it" */
	return strncmp(norm, "todo ", 5) == 0 || strncmp(norm, "tbd ", 4) == 0 || strncmp(norm, "fixme ", 6) == 0;
}

/*
 * Normalises s[0, n) into norm (letters and digits, one space between words),
 * leaving out HTML comments (state in *in_comment), tags and unrendered
 * {{ templates }}. Returns whether any letter or digit was seen.
 */
static bool line_words(const char *s, size_t n, bool *in_comment, char *norm, size_t size)
{
	size_t o = 0;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (*in_comment) {
			if (i + 2 < n && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
				*in_comment = false;
				i += 2;
			}
			continue;
		}
		if (i + 3 < n && s[i] == '<' && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
			*in_comment = true;
			i += 3;
			continue;
		}
		if (s[i] == '<' && i + 1 < n &&
		    (s[i + 1] == '/' || ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))) {
			const char *gt = memchr(s + i, '>', n - i);

			i = gt ? (size_t)(gt - s) : n;
			continue;
		}
		if (s[i] == '{' && i + 1 < n && (s[i + 1] == '{' || s[i + 1] == '%')) {
			char close = s[i + 1] == '{' ? '}' : '%';
			size_t k = i + 2;

			while (k + 1 < n && !(s[k] == close && s[k + 1] == '}'))
				k++;
			i = k + 1;
			continue;
		}
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			any = true;
			if (o + 1 < size)
				norm[o++] = (char)c;
		} else if (o && norm[o - 1] != ' ' && o + 1 < size) {
			norm[o++] = ' ';
		}
	}
	while (o && norm[o - 1] == ' ')
		o--;
	norm[o] = '\0';
	return any;
}

/*
 * Whether a content line holds real text once comments, tags, templates and
 * placeholders are gone. A bold label counts only with a real value after it
 * ("- **Developed by:** [More Information Needed]" does not); a bold phrase
 * alone counts unless it is a label ending in ':'.
 */
static bool meaningful(const char *s, size_t n, bool *in_comment)
{
	char norm[256];
	size_t i = indent(s, n), end = trimmed(s, n);
	bool was_comment = *in_comment;

	if (!was_comment) {
		/* skip a list marker ("-", "*", "+", "1.", "1)"), then look for a leading bold label */
		if (block_marker(s, n) && s[i] != '>' && s[i] != '|' && s[i] != '<') {
			while (i < end && s[i] != ' ')
				i++;
			while (i < end && s[i] == ' ')
				i++;
		}
		if (i + 4 < end && (s[i] == '*' || s[i] == '_') && s[i + 1] == s[i]) {
			char d = s[i];
			size_t k = i + 2;

			while (k + 1 < end && !(s[k] == d && s[k + 1] == d))
				k++;
			if (k + 1 < end) {
				bool colon = s[k - 1] == ':' || (k + 2 < end && s[k + 2] == ':');
				bool label_only = !line_words(s + k + 2, end - (k + 2), in_comment, norm, sizeof(norm));

				if (!label_only)
					return !is_placeholder(norm);
				/* "**BibTeX:**" is a label; "**TODO**" a placeholder; "**A sentence.**" text */
				return !colon && line_words(s + i, k - i, &was_comment, norm, sizeof(norm)) &&
				       !is_placeholder(norm);
			}
		}
	}
	if (!line_words(s, n, in_comment, norm, sizeof(norm)))
		return false;
	return !is_placeholder(norm);
}

/* Marks a YAML front matter ("---" ... "---" or "...") at the top; returns the first line after it. */
static size_t front_matter(struct line *lines, size_t n)
{
	if (!n || trimmed(lines[0].text, lines[0].len) != 3 || strncmp(lines[0].text, "---", 3) != 0)
		return 0;
	for (size_t j = 1; j < n; j++) {
		size_t t = trimmed(lines[j].text, lines[j].len);

		if (t == 3 && (strncmp(lines[j].text, "---", 3) == 0 || strncmp(lines[j].text, "...", 3) == 0)) {
			for (size_t k = 0; k <= j; k++)
				lines[k].skip = true;
			return j + 1;
		}
	}
	return 0;
}

void hf_card_check(const char *md, size_t len, struct hf_card_result *out)
{
	struct line *lines = NULL;
	size_t n = 0, alloc = 0, first;
	bool fenced = false, has_text[HF_CARD_NSECTIONS] = { false };

	memset(out, 0, sizeof(*out));
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(md + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (md + pos)) : len - pos;

		lines = xgrow(lines, n + 1, &alloc, sizeof(*lines));
		memset(&lines[n], 0, sizeof(*lines));
		lines[n].text = md + pos;
		lines[n++].len = l;
		pos += l + (nl ? 1 : 0);
	}
	first = front_matter(lines, n);
	for (size_t i = first; i < n; i++) {
		struct line *ln = &lines[i];

		if (fence_marker(ln->text, ln->len)) {
			fenced = !fenced;
			ln->fence = true;
			continue;
		}
		if (fenced) {
			ln->fence = true;
			continue;
		}
		atx(ln);
		if (!ln->level && i > first) {
			struct line *prev = &lines[i - 1];
			int ul = underline_level(ln->text, ln->len);

			if (ul && !prev->level && !prev->fence && !prev->skip && !is_blank(prev->text, prev->len)) {
				size_t b = indent(prev->text, prev->len);

				prev->level = ul;
				prev->sections = sections_of(prev->text + b, trimmed(prev->text, prev->len) - b);
				ln->skip = true;
			}
		}
	}
	for (size_t i = first; i < n; i++)
		inline_heading(lines, n, i, first);
	for (size_t i = first; i < n; i++) {
		bool in_comment = false, text = false;

		if (!lines[i].level || !lines[i].sections)
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (lines[j].level && (lines[j].level <= lines[i].level || lines[j].sections))
				break;
			if (lines[j].level || lines[j].skip)
				continue;
			if (lines[j].fence) {
				if (!fence_marker(lines[j].text, lines[j].len))
					text = text || !is_blank(lines[j].text, lines[j].len);
				continue;
			}
			if (meaningful(lines[j].text, lines[j].len, &in_comment))
				text = true;
		}
		for (int k = 0; k < HF_CARD_NSECTIONS; k++) {
			if (!(lines[i].sections & (1u << k)))
				continue;
			out->present[k] = true;
			if (text)
				has_text[k] = true;
		}
	}
	for (int k = 0; k < HF_CARD_NSECTIONS; k++)
		out->empty[k] = out->present[k] && !has_text[k];
	free(lines);
}

bool hf_card_complete(const struct hf_card_result *r)
{
	for (int k = 0; k < HF_CARD_NSECTIONS; k++)
		if (!r->present[k] || r->empty[k])
			return false;
	return true;
}
