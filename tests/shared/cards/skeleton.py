#!/usr/bin/env python3
# skeleton.py: reduce a model card to its skeleton: headings and heading-like lines as written, every other line replaced
"""Usage: skeleton.py CARD.md > SKELETON.md  (header comment added by the caller)

Kept as written: ATX headings, setext headings with their underline, HTML
<h1>-<h6> lines, lines that are only bold text (optionally after a list
marker), thematic breaks, code-fence markers, and placeholder text
("[More Information Needed]", TODO, TBD, N/A, unrendered {{ templates }},
the Hugging Face template's stock sentences), also after a bold label.
Replaced: prose by "text" (keeping the list/quote/table marker and a
leading bold label), code by "code" ("# code" for lines starting with #),
HTML by its bare tags, comments by "<!-- comment -->", front matter by its
top-level keys. Runs of identical replaced lines and of blank lines are
collapsed, so the structure (paragraphs, blank lines) stays.
"""
import re
import sys

PLACEHOLDERS = [
    "more information needed", "more information needed for further recommendations",
    "todo", "tbd", "tba", "n/a", "na", "coming soon", "to be added", "to be announced",
    "users (both direct and downstream) should be made aware of the risks, biases and "
    "limitations of the model. more information needed for further recommendations.",
    "users (both direct and downstream) should be made aware of the risks, biases and "
    "limitations of the model. more information needed for further recomendations.",
    "use the code below to get started with the model.",
]

ATX = re.compile(r"^ {0,3}#{1,6}(\s|$)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
BREAK = re.compile(r"^ {0,3}([-*_])( *\1){2,}\s*$")
HTML_H = re.compile(r"^\s*<h[1-6][\s>]", re.I)
MARKER = re.compile(r"^(\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])(?=\s|$))?\s*)")
BOLD_ONLY = re.compile(r"^(\*\*\*?|__)(?!\s)(.+?)(?<!\s)\1\s*:?\s*$")
BOLD_LABEL = re.compile(r"^((\*\*|__)[^*_]{1,60}?\2:?)\s+\S")
JINJA = re.compile(r"^\s*(\{\{.*?\}\}|\{%.*?%\})\s*$")


def is_placeholder(s):
    t = re.sub(r"<!--.*?-->", "", s)
    t = t.strip().strip("[]*_`() ").strip().lower()
    return t in PLACEHOLDERS or (t.startswith("{{") and t.endswith("}}"))


def prose(line):
    m = MARKER.match(line)
    lead = m.group(1) if m else ""
    rest = line[len(lead):].strip()
    if rest.startswith("|"):
        if re.fullmatch(r"[|:\- ]+", rest):
            return lead + "|---|"
        return lead + "| text |"
    if BOLD_ONLY.match(rest):
        return line.rstrip()
    lm = BOLD_LABEL.match(rest)
    if lm:
        label = lm.group(1)
        tail = rest[len(label):].strip()
        if is_placeholder(tail):
            return line.rstrip()
        return lead + label + " text"
    if is_placeholder(rest) or JINJA.match(rest):
        return line.rstrip()
    if rest.startswith("<"):
        return lead + html(rest)
    return lead + "text"


def html(s):
    s = re.sub(r"<(/?[a-zA-Z][a-zA-Z0-9]*)[^>]*>", r"<\1>", s)
    parts = re.split(r"(<[^>]*>)", s)
    out = []
    for p in parts:
        if p.startswith("<"):
            out.append(p)
        elif p.strip():
            out.append("text")
    return "".join(out)


def skeleton(lines):
    out = []

    def emit(s, collapse=False):
        if collapse and out and out[-1] == s:
            return
        if s == "" and out and out[-1] == "":
            return
        out.append(s)

    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                emit("---")
                for k in lines[1:j]:
                    km = re.match(r"^([A-Za-z0-9_-]+):", k)
                    if km:
                        emit(km.group(1) + ":")
                emit("---")
                i = j + 1
                break
    fence = None
    comment = False
    while i < len(lines):
        line = lines[i].rstrip("\r\n").rstrip()
        nxt = lines[i + 1].rstrip() if i + 1 < len(lines) else ""
        i += 1
        if fence:
            if re.match(r"^ {0,3}" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence), line):
                emit(line)
                fence = None
            elif line.lstrip().startswith("#"):
                emit("# code", True)
            elif line.strip():
                emit("code", True)
            else:
                emit("")
            continue
        if comment:
            if "-->" in line:
                comment = False
                emit("comment -->")
                line = line.split("-->", 1)[1]
                if not line.strip():
                    continue
            else:
                continue
        # comments inside the line
        line = re.sub(r"<!--.*?-->", "<!-- comment -->", line)
        if "<!--" in line.replace("<!-- comment -->", ""):
            before = line.replace("<!-- comment -->", "\0").split("<!--", 1)[0].replace("\0", "<!-- comment -->")
            comment = True
            if before.strip():
                emit(prose(before) + " <!--")
            else:
                emit("<!--")
            continue
        if not line.strip():
            emit("")
            continue
        if line.strip() == "<!-- comment -->":
            emit("<!-- comment -->", True)
            continue
        if re.match(r"^\s*<table[\s>]", line, re.I):
            while i < len(lines) and not re.search(r"</table>", line, re.I):
                line = lines[i]
                i += 1
            emit("<table>text</table>")
            continue
        fm = FENCE.match(line)
        if fm:
            fence = fm.group(1)
            emit(line)
            continue
        if ATX.match(line) or HTML_H.match(line):
            emit(line)
            continue
        if BREAK.match(line) or UNDERLINE.match(line):
            emit(line)
            continue
        if UNDERLINE.match(nxt) and not MARKER.match(line).group(1).strip():
            emit(line)
            continue
        prev = lines[i - 2].strip() if i >= 2 else ""
        if (not prev or ATX.match(prev)) and not MARKER.match(line).group(1).strip():
            # a short label paragraph such as "Training data:" (up to 3 lines, 12 words)
            para = [line]
            while len(para) < 4 and i - 1 + len(para) < len(lines) and lines[i - 1 + len(para)].strip():
                para.append(lines[i - 1 + len(para)].rstrip())
            if len(para) <= 3 and para[-1].strip().endswith(":") and len(" ".join(para).split()) <= 12:
                for p in para:
                    emit(p)
                i += len(para) - 1
                continue
        emit(prose(line), True)
    return out


def main():
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    sys.stdout.write("\n".join(skeleton(lines)).strip("\n") + "\n")


if __name__ == "__main__":
    main()
