/* gitconfig.c: a parser of git-config syntax, without libgit2 (see gitconfig.h for the grammar) */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "handoff/gitconfig.h"
#include "handoff/strbuf.h"

struct parser {
	const char *p, *end;
	int line;		/* of the next character */
	bool eof, after_newline;	/* the last character read ended a line */
	const char *error;	/* why the line does not parse */
	int error_line;
};

/* The next character; CRLF reads as '\n' and the end of the text as a final '\n'. */
static int next_char(struct parser *ps)
{
	int c;

	if (ps->p >= ps->end) {
		ps->eof = true;
		ps->after_newline = false;
		return '\n';
	}
	c = (unsigned char)*ps->p++;
	if (c == '\r' && ps->p < ps->end && *ps->p == '\n')
		c = (unsigned char)*ps->p++;
	ps->after_newline = c == '\n';
	ps->line += ps->after_newline;
	return c;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_key_char(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '-';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The failing line is the one the last character read is on (a line end belongs to its line). */
static int fail(struct parser *ps, const char *why)
{
	ps->error = why;
	ps->error_line = ps->line - ps->after_newline;
	return -1;
}

/* After `[section`: whitespace, then "subsection" and ']'. */
static int subsection(struct parser *ps, struct hf_strbuf *name, int c)
{
	while (is_space(c)) {
		if (c == '\n')
			return fail(ps, "the section header is not closed with ']'");
		c = next_char(ps);
	}
	if (c != '"')
		return fail(ps, "a subsection is written in double quotes: [section \"name\"]");
	hf_strbuf_addch(name, '.');
	for (;;) {
		c = next_char(ps);
		if (c == '\n')
			return fail(ps, "the subsection's closing quote is missing");
		if (c == '"')
			break;
		if (c == '\\' && (c = next_char(ps)) == '\n')
			return fail(ps, "the subsection's closing quote is missing");
		hf_strbuf_addch(name, (char)c);
	}
	if (next_char(ps) != ']')
		return fail(ps, "the section header is not closed with ']'");
	return 0;
}

/* After '[': the section's name (lower case) into name. */
static int section_header(struct parser *ps, struct hf_strbuf *name)
{
	hf_strbuf_reset(name);
	for (;;) {
		int c = next_char(ps);

		if (c == '\n')
			return fail(ps, "the section header is not closed with ']'");
		if (c == ']')
			return name->len ? 0 : fail(ps, "a section header with no name");
		if (is_space(c))
			return name->len ? subsection(ps, name, c) : fail(ps, "a section header with no name");
		if (!is_key_char(c) && c != '.')
			return fail(ps, "a section name holds letters, digits, '-' and '.'");
		hf_strbuf_addch(name, (char)lower(c));
	}
}

static int value_part(struct parser *ps, struct hf_strbuf *value)
{
	bool quoted = false, comment = false;
	size_t spaces = 0;

	hf_strbuf_reset(value);
	for (;;) {
		int c = next_char(ps);

		if (c == '\n') {
			if (quoted)
				return fail(ps, "a quoted value is not closed on its line");
			return 0;
		}
		if (comment)
			continue;
		if (is_space(c) && !quoted) {
			if (value->len)
				spaces++;
			continue;
		}
		if (!quoted && (c == ';' || c == '#')) {
			comment = true;
			continue;
		}
		for (; spaces; spaces--)
			hf_strbuf_addch(value, ' ');
		if (c == '\\') {
			c = next_char(ps);
			switch (c) {
			case '\n':
				continue;	/* the line goes on (at the end of the file: it ends, as in git) */
			case 't':
				c = '\t';
				break;
			case 'b':
				c = '\b';
				break;
			case 'n':
				c = '\n';
				break;
			case '\\':
			case '"':
				break;
			default:
				return fail(ps, "an unknown escape in a value (\\\\, \\\", \\n, \\t and \\b are known)");
			}
			hf_strbuf_addch(value, (char)c);
			continue;
		}
		if (c == '"') {
			quoted = !quoted;
			continue;
		}
		hf_strbuf_addch(value, (char)c);
	}
}

/* A key line starting with c (a letter): name = "section.key" ("key" before any section, as git has it), then its value if any. */
static int key_line(struct parser *ps, struct hf_strbuf *name, size_t section_len, int c,
		    struct hf_strbuf *value, bool *has_value)
{
	hf_strbuf_setlen(name, section_len);
	if (section_len)
		hf_strbuf_addch(name, '.');
	hf_strbuf_addch(name, (char)lower(c));
	for (;;) {
		c = next_char(ps);
		if (ps->eof || !is_key_char(c))
			break;
		hf_strbuf_addch(name, (char)lower(c));
	}
	while (c == ' ' || c == '\t')
		c = next_char(ps);
	*has_value = false;
	if (c == '\n')
		return 0;
	if (c != '=')
		return fail(ps, "a key name holds letters, digits and '-', and '=' comes before its value");
	*has_value = true;
	return value_part(ps, value);
}

enum hf_status hf_gitconfig_parse(const char *what, const char *text, size_t len, hf_gitconfig_fn fn,
				  void *data)
{
	struct parser ps = { .p = text, .end = text + len, .line = 1 };
	const char *nul = memchr(text, '\0', len);
	struct hf_strbuf name, value;
	size_t section_len = 0;
	bool comment = false, stopped = false;

	if (nul) {
		int line = 1;

		for (const char *q = text; q < nul; q++)
			line += *q == '\n';
		return hf_error(HF_EINVAL, "%s:%d: a NUL byte: not a text file", what, line);
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		ps.p += 3;
	hf_strbuf_init(&name);
	hf_strbuf_init(&value);
	while (!stopped && !ps.error) {
		int c = next_char(&ps);
		bool has_value;

		if (c == '\n') {
			if (ps.eof)
				break;
			comment = false;
			continue;
		}
		if (comment || is_space(c))
			continue;
		if (c == '#' || c == ';') {
			comment = true;
		} else if (c == '[') {
			if (section_header(&ps, &name) == 0)
				section_len = name.len;	/* a key may follow on the same line, as in git */
		} else if (!is_alpha(c)) {
			fail(&ps, "a line is a [section], a key = value, or a # comment");
		} else if (key_line(&ps, &name, section_len, c, &value, &has_value) == 0) {
			stopped = fn(name.buf, has_value ? value.buf : NULL, data) != 0;
		}
	}
	hf_strbuf_release(&name);
	hf_strbuf_release(&value);
	if (ps.error)
		return hf_error(HF_EINVAL, "%s:%d: %s", what, ps.error_line, ps.error);
	return HF_OK;
}
