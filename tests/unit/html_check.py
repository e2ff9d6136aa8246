#!/usr/bin/env python3
"""Structural check of a rendered report page (test_render_html.c).

Usage: html_check.py [--fragment] FILE

Fails (exit 1, one line per problem on stderr) on: unbalanced or
mismatched tags, a self-closed non-void element outside SVG, a <script>,
a style="" attribute, an outside URL (anything but data: and #), an
image without alt, duplicate ids, aria-labelledby/-describedby pointing
at no id, a heading level skipped, an <svg role="img"> whose first child
is not a <title> naming it, a table without caption or with a header
cell that has no scope.  A whole page (default) must start with
<!doctype html> and have <html lang="id">, <meta charset>, a viewport
and a <title>; a fragment (--fragment) must have neither <html> nor
<body>, and every CSS rule of its <style> must be scoped under .report.
Stdlib only.  Prints a one-line summary on success.
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = {}
        self.refs = []
        self.svg_depth = 0
        self.svgs = []            # [attrs, first child tag, title id]
        self.tables = []          # [has caption, rows]
        self.headings = []
        self.seen = {}
        self.style_text = []
        self.in_style = False
        self.title_text = ""
        self.in_title = False
        self.doctype = None
        self.pending_svg = None

    def err(self, msg):
        line, col = self.getpos()
        self.errors.append("%d:%d: %s" % (line, col, msg))

    def handle_decl(self, decl):
        self.doctype = decl

    def _attrs(self, tag, attrs):
        a = {}
        for k, v in attrs:
            if k in a:
                self.err("duplicate attribute %s on <%s>" % (k, tag))
            a[k] = v if v is not None else ""
        if "style" in a:
            self.err("style attribute on <%s>" % tag)
        for k in ("src", "href", "xlink:href", "action", "srcset"):
            if k in a and not (a[k].startswith("data:")
                               or a[k].startswith("#")):
                self.err("outside resource %s=%r" % (k, a[k][:60]))
        if "id" in a:
            if a["id"] in self.ids:
                self.err("duplicate id %r" % a["id"])
            self.ids[a["id"]] = tag
        for k in ("aria-labelledby", "aria-describedby"):
            if k in a:
                self.refs.extend((self.getpos(), r) for r in a[k].split())
        for k in a:
            if k.startswith("on"):
                self.err("event handler %s on <%s>" % (k, tag))
        return a

    def _start(self, tag, a):
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag == "script":
            self.err("<script>")
        if tag in ("iframe", "object", "embed", "link", "base", "form"):
            self.err("<%s> not allowed in a report" % tag)
        if tag == "img" and "alt" not in a:
            self.err("<img> without alt")
        if self.pending_svg is not None:
            self.pending_svg[1] = tag
            self.pending_svg = None
        if tag == "svg":
            self.svg_depth += 1
            entry = [a, None, None]
            self.svgs.append(entry)
            self.pending_svg = entry
        if tag == "title" and self.svg_depth and self.svgs:
            if self.svgs[-1][2] is None:
                self.svgs[-1][2] = a.get("id")
        if tag == "title" and not self.svg_depth:
            self.in_title = True
        if tag == "style":
            self.in_style = True
        if tag == "table":
            self.tables.append([False, 0, 0])
        if tag == "caption" and self.tables:
            self.tables[-1][0] = True
        if tag == "tr" and self.tables:
            self.tables[-1][1] += 1
        if tag == "th" and a.get("scope") not in ("col", "row"):
            self.err("<th> without scope")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_starttag(self, tag, attrs):
        a = self._attrs(tag, attrs)
        self._start(tag, a)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        a = self._attrs(tag, attrs)
        if tag not in VOID and not self.svg_depth:
            self.err("self-closed <%s/> outside SVG" % tag)
        self._start(tag, a)
        if tag == "svg":
            self.svg_depth -= 1

    def handle_endtag(self, tag):
        if tag in VOID:
            self.err("end tag for void <%s>" % tag)
            return
        if not self.stack:
            self.err("</%s> with nothing open" % tag)
            return
        top, pos = self.stack[-1]
        if top != tag:
            self.err("</%s> closes <%s> opened at %d:%d"
                     % (tag, top, pos[0], pos[1]))
            return
        self.stack.pop()
        if tag == "svg":
            self.svg_depth -= 1
        if tag == "style":
            self.in_style = False
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_style:
            self.style_text.append(data)
        if self.in_title:
            self.title_text += data
        if self.in_style and re.search(r"url\(|@import", data):
            self.err("outside resource in CSS")


def css_unscoped(css):
    """Selectors of style rules (outside @page) not under .report."""
    bad = []
    stack = []
    prelude = ""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for ch in css:
        if ch == "{":
            p = prelude.strip()
            if p.startswith("@"):
                stack.append("page" if p.startswith("@page") or
                             (stack and stack[-1] == "page") else "at")
            else:
                if "page" not in stack and "rule" not in stack:
                    for sel in p.split(","):
                        if not sel.strip().startswith(".report"):
                            bad.append(sel.strip())
                stack.append("rule")
            prelude = ""
        elif ch == "}":
            if stack:
                stack.pop()
            prelude = ""
        elif ch == ";":
            prelude = ""
        else:
            prelude += ch
    return bad


def main(argv):
    fragment = "--fragment" in argv
    files = [a for a in argv[1:] if not a.startswith("--")]
    if len(files) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(files[0], encoding="utf-8") as f:
        text = f.read()
    c = Checker()
    c.feed(text)
    c.close()
    for tag, pos in c.stack:
        c.errors.append("<%s> opened at %d:%d never closed"
                        % (tag, pos[0], pos[1]))
    if re.search(r"<script", text, re.I):
        c.errors.append("'<script' in the output")
    for pos, r in c.refs:
        if r not in c.ids:
            c.errors.append("%d:%d: aria reference to missing id %r"
                            % (pos[0], pos[1], r))
    prev = 0
    for h in c.headings:
        if prev and h > prev + 1:
            c.errors.append("heading h%d after h%d" % (h, prev))
        prev = h
    for a, first, tid in c.svgs:
        if a.get("role") != "img":
            continue
        if first != "title":
            c.errors.append("svg role=img whose first child is <%s>" % first)
        elif not tid or tid not in a.get("aria-labelledby", "").split():
            c.errors.append("svg role=img not labelled by its <title>")
        if "viewbox" not in a:
            c.errors.append("svg without viewBox")
    for cap, rows, _ in c.tables:
        if not cap:
            c.errors.append("table without caption")
    if fragment:
        for t in ("html", "body", "head"):
            if c.seen.get(t):
                c.errors.append("fragment has <%s>" % t)
        for sel in css_unscoped("".join(c.style_text)):
            c.errors.append("CSS selector not scoped under .report: %r"
                            % sel)
    else:
        if not text.lower().startswith("<!doctype html>"):
            c.errors.append("no <!doctype html> at the start")
        m = re.search(r"<html[^>]*\blang=\"([^\"]*)\"", text)
        if not m or m.group(1) != "id":
            c.errors.append("<html> without lang=\"id\"")
        if not re.search(r"<meta charset=\"utf-8\">", text, re.I):
            c.errors.append("no <meta charset=\"utf-8\">")
        if "name=\"viewport\"" not in text:
            c.errors.append("no viewport meta")
        if not c.title_text.strip():
            c.errors.append("empty <title>")
    if c.errors:
        for e in c.errors[:50]:
            print("html_check: " + e, file=sys.stderr)
        return 1
    print("html_check: ok: %d svg, %d tables (%s rows), %d headings"
          % (len(c.svgs), len(c.tables),
             "/".join(str(t[1]) for t in c.tables), len(c.headings)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
