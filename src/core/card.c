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

/* Headings after normalise(): lower case, singular, fillers and numbering dropped. */
static const struct {
	const char *heading;
	enum hf_card_section section;
} synonyms[] = {
	{ "model detail", HF_CARD_MODEL_DETAILS }, { "detail", HF_CARD_MODEL_DETAILS },
	{ "model description", HF_CARD_MODEL_DETAILS }, { "description", HF_CARD_MODEL_DETAILS },
	{ "model overview", HF_CARD_MODEL_DETAILS }, { "overview", HF_CARD_MODEL_DETAILS },
	{ "model information", HF_CARD_MODEL_DETAILS }, { "model info", HF_CARD_MODEL_DETAILS },
	{ "model summary", HF_CARD_MODEL_DETAILS },
	{ "intended use", HF_CARD_INTENDED_USE }, { "use", HF_CARD_INTENDED_USE },
	{ "use case", HF_CARD_INTENDED_USE }, { "intended use case", HF_CARD_INTENDED_USE },
	{ "primary intended use", HF_CARD_INTENDED_USE }, { "direct use", HF_CARD_INTENDED_USE },
	{ "intended use limitation", HF_CARD_INTENDED_USE }, { "usage", HF_CARD_INTENDED_USE },
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
	{ "quantitative analyse", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "result", HF_CARD_QUANTITATIVE_ANALYSES }, { "evaluation result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "performance result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "quantitative result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "unitary result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "intersectional result", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "performance", HF_CARD_QUANTITATIVE_ANALYSES },
	{ "ethical consideration", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "ethic consideration", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "ethic", HF_CARD_ETHICAL_CONSIDERATIONS }, { "ethical", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "ethical concern", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "bias risk limitation", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "bias risk", HF_CARD_ETHICAL_CONSIDERATIONS }, { "risk", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "fairness", HF_CARD_ETHICAL_CONSIDERATIONS },
	{ "caveat recommendation", HF_CARD_CAVEATS }, { "caveat", HF_CARD_CAVEATS },
	{ "recommendation", HF_CARD_CAVEATS }, { "limitation", HF_CARD_CAVEATS },
	{ "known limitation", HF_CARD_CAVEATS }, { "caveat limitation", HF_CARD_CAVEATS },
	{ "limitation recommendation", HF_CARD_CAVEATS },
};

static const char *const fillers[] = { "the", "a", "an", "and", "of", "for", "on", "this", "our", NULL };
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
	size_t n = strlen(w);

	if (strcmp(w, "analysis") == 0 || strcmp(w, "analyses") == 0) {
		memcpy(w, "analyse", 8);
		return;
	}
	if (strcmp(w, "dataset") == 0 || strcmp(w, "datasets") == 0) {
		memcpy(w, "data", 5);
		return;
	}
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'i' && w[n - 2] != 'u' &&
	    w[n - 2] != 'a')
		w[n - 1] = '\0';
}

/*
 * Normalise heading text into out: words of letters and digits, lower case,
 * "&" as "and", parenthesised text and numbering dropped, singular, fillers
 * out, "data set" as "data". Returns out.
 */
static char *normalise(const char *text, char *out, size_t size)
{
	char buf[256];
	char *words[32];
	size_t nw = 0, o = 0, depth = 0;
	char *p;

	for (const char *s = text; *s && o + 6 < sizeof(buf); s++) {
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
		if (c >= 'A' && c <= 'Z')
			buf[o++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[o++] = (char)c;
		else if (c == '&') {
			memcpy(buf + o, " and ", 5);
			o += 5;
		} else if (c == '\'')
			continue;	/* "model's" -> "models" */
		else
			buf[o++] = ' ';
	}
	buf[o] = '\0';
	p = buf;
	while (*p && nw < sizeof(words) / sizeof(words[0])) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		words[nw++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	/* leading numbering: "1", "2 3" (from 2.3), "iv", "a" (from "A)") */
	size_t first = 0;
	while (first + 1 < nw && (all_digits(words[first]) || in_list(words[first], romans) ||
				  strlen(words[first]) == 1))
		first++;
	out[0] = '\0';
	o = 0;
	for (size_t i = first; i < nw; i++) {
		char *w = words[i];

		canon_word(w);
		if (in_list(w, fillers))
			continue;
		if ((strcmp(w, "set") == 0) && o >= 4 && strcmp(out + o - 4, "data") == 0)
			continue;
		size_t wl = strlen(w);
		if (o + wl + 2 >= size)
			break;
		if (o)
			out[o++] = ' ';
		memcpy(out + o, w, wl + 1);
		o += wl;
	}
	return out;
}

static int lookup(const char *norm)
{
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strcmp(norm, synonyms[i].heading) == 0)
			return (int)synonyms[i].section;
	return -1;
}

int hf_card_match_heading(const char *heading)
{
	char norm[256];
	int s;

	if (!heading)
		return -1;
	normalise(heading, norm, sizeof(norm));
	if (!norm[0])
		return -1;
	if ((s = lookup(norm)) >= 0)
		return s;
	if (strncmp(norm, "model ", 6) == 0 && (s = lookup(norm + 6)) >= 0)
		return s;
	return -1;
}

struct line {
	const char *text;
	size_t len;
	int level;		/* heading level, 0 for none */
	const char *htext;	/* heading text */
	size_t hlen;
	bool underline;		/* a setext underline: not content */
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

static bool fence_marker(const char *s, size_t n)
{
	size_t i = indent(s, n);

	return i < 4 && n - i >= 3 &&
	       ((s[i] == '`' && s[i + 1] == '`' && s[i + 2] == '`') ||
		(s[i] == '~' && s[i + 1] == '~' && s[i + 2] == '~'));
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
	end = l->len;
	while (end > i && (l->text[end - 1] == ' ' || l->text[end - 1] == '\t' || l->text[end - 1] == '\r'))
		end--;
	while (end > i && l->text[end - 1] == '#')
		end--;
	while (i < end && (l->text[i] == ' ' || l->text[i] == '\t'))
		i++;
	l->level = (int)h;
	l->htext = l->text + i;
	l->hlen = end > i ? end - i : 0;
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

/* Whether a content line holds real text once comments and placeholders are gone. */
static bool meaningful(const char *s, size_t n, bool *in_comment)
{
	char norm[128];
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
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			any = true;
			if (o + 1 < sizeof(norm))
				norm[o++] = (char)c;
		} else if (o && norm[o - 1] != ' ' && o + 1 < sizeof(norm)) {
			norm[o++] = ' ';
		}
	}
	while (o && norm[o - 1] == ' ')
		o--;
	norm[o] = '\0';
	if (!any)
		return false;
	static const char *const placeholders[] = { "todo", "tbd", "tba", "fixme", "n a", "na",
						   "xxx", "more information needed", "coming soon",
						   "to do", "to be done", "lorem ipsum", NULL };
	for (size_t i = 0; placeholders[i]; i++) {
		size_t pl = strlen(placeholders[i]);

		if (strncmp(norm, placeholders[i], pl) == 0 && (norm[pl] == '\0' ||
		    (norm[pl] == ' ' && pl > 3)))
			return false;
	}
	/* "TODO: describe it" */
	if (strncmp(norm, "todo ", 5) == 0 || strncmp(norm, "tbd ", 4) == 0 || strncmp(norm, "fixme ", 6) == 0)
		return false;
	return true;
}

void hf_card_check(const char *md, size_t len, struct hf_card_result *out)
{
	struct line *lines = NULL;
	size_t n = 0, alloc = 0;
	bool fenced = false, has_text[HF_CARD_NSECTIONS] = { false };
	int *section;

	memset(out, 0, sizeof(*out));
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(md + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (md + pos)) : len - pos;
		struct line *ln;

		lines = xgrow(lines, n + 1, &alloc, sizeof(*lines));
		ln = &lines[n++];
		memset(ln, 0, sizeof(*ln));
		ln->text = md + pos;
		ln->len = l;
		pos += l + (nl ? 1 : 0);
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
		if (!ln->level && n >= 2) {
			struct line *prev = &lines[n - 2];
			int ul = underline_level(ln->text, ln->len);

			if (ul && !prev->level && !prev->fence && !prev->underline &&
			    !is_blank(prev->text, prev->len)) {
				size_t i = indent(prev->text, prev->len), end = prev->len;

				while (end > i && (prev->text[end - 1] == ' ' || prev->text[end - 1] == '\r'))
					end--;
				prev->level = ul;
				prev->htext = prev->text + i;
				prev->hlen = end - i;
				ln->underline = true;
			}
		}
	}
	section = xcalloc(n + 1, sizeof(*section));
	for (size_t i = 0; i < n; i++) {
		char *h;

		section[i] = -1;
		if (!lines[i].level)
			continue;
		h = xstrndup(lines[i].htext, lines[i].hlen);
		section[i] = hf_card_match_heading(h);
		free(h);
	}
	for (size_t i = 0; i < n; i++) {
		bool in_comment = false, text = false;

		if (!lines[i].level || section[i] < 0)
			continue;
		out->present[section[i]] = true;
		for (size_t j = i + 1; j < n; j++) {
			if (lines[j].level && (lines[j].level <= lines[i].level || section[j] >= 0))
				break;
			if (lines[j].level || lines[j].underline)
				continue;
			if (lines[j].fence) {
				if (!fence_marker(lines[j].text, lines[j].len))
					text = text || !is_blank(lines[j].text, lines[j].len);
				continue;
			}
			if (meaningful(lines[j].text, lines[j].len, &in_comment))
				text = true;
		}
		if (text)
			has_text[section[i]] = true;
	}
	for (int k = 0; k < HF_CARD_NSECTIONS; k++)
		out->empty[k] = out->present[k] && !has_text[k];
	free(section);
	free(lines);
}

bool hf_card_complete(const struct hf_card_result *r)
{
	for (int k = 0; k < HF_CARD_NSECTIONS; k++)
		if (!r->present[k] || r->empty[k])
			return false;
	return true;
}
