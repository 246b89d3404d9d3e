#!/usr/bin/env python3
# md2man.py: a manual page from one of docs/*.md, so the installed reference and the docs never drift
# Usage: md2man.py DOC.md NAME SECTION "one-line description" >NAME.SECTION
# It knows the Markdown these docs use: headings, paragraphs, "- " lists,
# fenced code, tables (each row becomes a tagged paragraph), `code`, **bold**,
# *emphasis*, [links](url), HTML comments and entities. The build runs it
# (mk/foundation.mk) and installs the pages; tests/integ/man_pages.sh renders them.
import html
import re
import sys


def esc(text):
    """roff-escape plain text (before inline markup is turned into font changes)."""
    text = html.unescape(text)
    text = text.replace("\\", "\\e")
    text = text.replace("-", "\\-")
    # non-ASCII as groff's Unicode escapes, so the page renders without preconv
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)


def inline(text):
    out = []
    # `code` first: nothing inside it is markup
    for i, part in enumerate(re.split(r"(`[^`]*`)", text)):
        if i % 2:
            out.append("\\fB" + esc(part[1:-1]) + "\\fR")
            continue
        part = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", part)
        part = esc(part)
        part = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", part)
        part = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\\fI\1\\fR", part)
        out.append(part)
    return "".join(out)


def line_safe(s):
    """A line starting with . or ' would be a request: guard it."""
    return "\\&" + s if s[:1] in (".", "'") else s


def cells(row):
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def table(rows, emit):
    head = [h.lower() for h in cells(rows[0])]
    for row in rows[2:]:
        c = cells(row)
        c += [""] * (len(head) - len(c))
        emit(".TP")
        emit(line_safe(inline(c[0]) if c[0].startswith("`") else "\\fB" + inline(c[0]) + "\\fR"))
        parts = []
        for h, v in zip(head[1:-1], c[1:-1]):
            if not v:
                continue
            parts.append(inline(v) if h == "type" else esc(h) + ": " + inline(v))
        text = ("(" + "; ".join(parts) + ") " if parts else "") + inline(c[-1] if len(head) > 1 else "")
        emit(line_safe(text.strip()))


def convert(src, name, section, desc):
    lines = src.split("\n")
    out = []
    emit = out.append
    emit(".\\\" %s.%s: made from docs/ by man/md2man.py at build time; edit the docs, not this" % (name, section))
    emit('.TH %s %s "" "handoff" "handoff"' % (name.upper().replace("-", "\\-"), section))
    emit(".SH NAME")
    emit("%s \\- %s" % (esc(name), esc(desc)))
    para = []

    def flush():
        if para:
            emit(".PP")
            emit(line_safe(inline(" ".join(para))))
            para.clear()

    i, title_seen = 0, False
    while i < len(lines):
        ln = lines[i]
        if ln.strip().startswith("<!--"):
            while "-->" not in lines[i]:
                i += 1
            i += 1
            continue
        if ln.lstrip().startswith("```"):
            # a fence, maybe indented under a list item: its lines lose that indent
            flush()
            indent = len(ln) - len(ln.lstrip())
            emit(".PP" if not indent else ".IP \"\" 2")
            emit(".RS 4")
            emit(".nf")
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith("```"):
                body = lines[i]
                emit(line_safe(esc(body if not indent else body[indent:] if body[:indent].isspace() else body.lstrip())))
                i += 1
            emit(".fi")
            emit(".RE")
            i += 1
            continue
        m = re.match(r"(#+) (.*)", ln)
        if m:
            flush()
            level, text = len(m.group(1)), m.group(2)
            if level == 1 and not title_seen:
                title_seen = True   # the page's NAME line says it
                emit(".SH DESCRIPTION")
            elif level <= 2:
                emit(".SH " + inline(text).upper())
            else:
                emit(".SS " + inline(text))
            i += 1
            continue
        if ln.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            table(rows, emit)
            continue
        m = re.match(r"(\s*)- (.*)", ln)
        if m:
            flush()
            item = [m.group(2)]
            i += 1
            # the item goes on over indented lines; an indented fence is an example inside it
            while i < len(lines) and lines[i].startswith("  ") and not re.match(r"\s*- ", lines[i]):
                if lines[i].strip().startswith("```"):
                    break
                item.append(lines[i].strip())
                i += 1
            emit(".IP \\(bu 2")
            emit(line_safe(inline(" ".join(item))))
            continue
        if not ln.strip():
            flush()
            i += 1
            continue
        para.append(ln.strip())
        i += 1
    flush()
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: md2man.py DOC.md NAME SECTION DESCRIPTION")
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(convert(f.read(), sys.argv[2], sys.argv[3], sys.argv[4]))
