#!/usr/bin/env python3
"""Dump an XLSX file as text for the renderer tests (stdlib only).

  xlsx_dump.py FILE               sheet names, one a line, in order
  xlsx_dump.py FILE SHEET         each cell of SHEET:
                                  REF<TAB>type<TAB>value<TAB>formula
  xlsx_dump.py FILE SHEET --fmt   the same, then <TAB>numfmt<TAB>flags
                                  (flags: "b" bold, "t" top border,
                                  "w" wrap; "-" none)
  xlsx_dump.py FILE SHEET --layout
                                  pane<TAB>topLeftCell of a frozen pane,
                                  col<TAB>min<TAB>max<TAB>width per <col>
  xlsx_dump.py FILE --props       name<TAB>value of docProps/core.xml
  xlsx_dump.py FILE --zip         name<TAB>YYYY-MM-DD HH:MM:SS per ZIP entry

type is "s" (shared or inline string), "n" (number), "str" (formula with a
string value), "b" (boolean) or "e" (error).  The formula is written
without its leading "=".  Tabs, newlines and backslashes in values are
written as \\t, \\n and \\\\ so that every cell is one line.
"""
import posixpath
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
BUILTIN_NUMFMT = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
                  9: "0%", 10: "0.00%", 49: "@"}


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def text_of(el):
    """Concatenated <t> text of an <si> or <is> element (rich runs too)."""
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))


def sheet_paths(z):
    """[(name, path)] in workbook order."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target")
              for r in rels.findall("pr:Relationship", NS)}
    out = []
    for s in wb.find("m:sheets", NS).findall("m:sheet", NS):
        t = target[s.get("{%s}id" % NS["r"])]
        path = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
            posixpath.join("xl", t))
        out.append((s.get("name"), path))
    return out


def shared_strings(z):
    try:
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return [text_of(si) for si in root.findall("m:si", NS)]


def styles(z):
    """[(numfmt code, flags)] per cellXfs index."""
    root = ET.fromstring(z.read("xl/styles.xml"))
    codes = dict(BUILTIN_NUMFMT)
    nf = root.find("m:numFmts", NS)
    if nf is not None:
        for f in nf.findall("m:numFmt", NS):
            codes[int(f.get("numFmtId"))] = f.get("formatCode")
    fonts = root.find("m:fonts", NS).findall("m:font", NS)
    borders = root.find("m:borders", NS).findall("m:border", NS)
    out = []
    for xf in root.find("m:cellXfs", NS).findall("m:xf", NS):
        flags = ""
        font = fonts[int(xf.get("fontId", "0"))]
        if font.find("m:b", NS) is not None:
            flags += "b"
        top = borders[int(xf.get("borderId", "0"))].find("m:top", NS)
        if top is not None and top.get("style"):
            flags += "t"
        al = xf.find("m:alignment", NS)
        if al is not None and al.get("wrapText") == "1":
            flags += "w"
        code = codes.get(int(xf.get("numFmtId", "0")),
                         "#%s" % xf.get("numFmtId"))
        out.append((code, flags or "-"))
    return out


def find_sheet(z, name):
    for n, path in sheet_paths(z):
        if n == name:
            return ET.fromstring(z.read(path))
    sys.exit("no sheet %r" % name)


def dump_cells(z, name, fmt):
    root = find_sheet(z, name)
    sst = shared_strings(z)
    st = styles(z) if fmt else None
    for c in root.iter("{%s}c" % NS["m"]):
        t = c.get("t", "n")
        f = c.find("m:f", NS)
        v = c.find("m:v", NS)
        if t == "s":
            value = sst[int(v.text)]
        elif t == "inlineStr":
            t = "s"
            value = text_of(c.find("m:is", NS))
        else:
            value = v.text if v is not None and v.text is not None else ""
        line = "%s\t%s\t%s\t%s" % (c.get("r"), t, esc(value),
                                   esc(f.text or "") if f is not None
                                   else "")
        if fmt:
            code, flags = st[int(c.get("s", "0"))]
            line += "\t%s\t%s" % (code, flags)
        print(line)


def dump_layout(z, name):
    root = find_sheet(z, name)
    for pane in root.iter("{%s}pane" % NS["m"]):
        if pane.get("state") == "frozen":
            print("pane\t%s" % pane.get("topLeftCell"))
    for col in root.iter("{%s}col" % NS["m"]):
        print("col\t%s\t%s\t%s" % (col.get("min"), col.get("max"),
                                   col.get("width")))


def dump_props(z):
    root = ET.fromstring(z.read("docProps/core.xml"))
    for el in root:
        print("%s\t%s" % (el.tag.split("}")[-1], esc(el.text or "")))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    with zipfile.ZipFile(argv[1]) as z:
        if len(argv) == 2:
            for n, _ in sheet_paths(z):
                print(n)
        elif argv[2] == "--props":
            dump_props(z)
        elif argv[2] == "--zip":
            for i in z.infolist():
                print("%s\t%04d-%02d-%02d %02d:%02d:%02d" % ((i.filename,)
                                                          + i.date_time))
        elif len(argv) > 3 and argv[3] == "--layout":
            dump_layout(z, argv[2])
        else:
            dump_cells(z, argv[2], len(argv) > 3 and argv[3] == "--fmt")


if __name__ == "__main__":
    main(sys.argv)
