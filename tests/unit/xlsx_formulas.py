#!/usr/bin/env python3
"""Recompute every formula of an XLSX file from the cells it names and
compare it with the value stored beside it (LibreOffice and WPS show the
stored value without recalculating, so a wrong reference would be filed
unnoticed).  Stdlib only; understands the formulas the report builders
write: SUM(range), ROUND(x,n), IF(c,a,b), = comparisons, + - * / and
parentheses.  Prints one line per mismatch and exits 1 when there is
one; prints "formulas: N checked" otherwise.

  xlsx_formulas.py FILE.xlsx
"""
import math
import re
import subprocess
import sys

here = sys.path[0]


def cells_of(path, sheet):
    out = subprocess.run([sys.executable, here + "/xlsx_dump.py", path, sheet],
                         capture_output=True, text=True, check=True).stdout
    cells = {}
    for line in out.splitlines():
        ref, typ, val, formula = (line.split("\t") + ["", "", "", ""])[:4]
        if typ == "n":
            v = float(val)
        elif typ in ("s", "str"):
            v = val
        else:
            v = None
        cells[ref] = (v, formula)
    return cells


def col_num(c):
    n = 0
    for ch in c:
        n = n * 26 + ord(ch) - 64
    return n


def col_name(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def excel_round(x, n):
    p = 10 ** n
    y = round(abs(x) * p * 1e6) / 1e6     # nearest 6th decimal first
    return math.copysign(math.floor(y + 0.5) / p, x)


def evaluate(formula, cells):
    def val(ref):
        v = cells.get(ref, (None, ""))[0]
        return 0.0 if v is None or v == "" else v

    def rng(m):
        c1, r1, c2, r2 = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        vals = []
        for c in range(col_num(c1), col_num(c2) + 1):
            for r in range(r1, r2 + 1):
                v = val(col_name(c) + str(r))
                vals.append(v if isinstance(v, float) else 0.0)
        return "(%r)" % sum(vals)

    e = re.sub(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", rng, formula)
    e = re.sub(r"\b([A-Z]+\d+)\b",
               lambda m: repr(val(m.group(1))), e)
    e = e.replace("<>", "!=").replace("=", "==").replace("<==", "<=") \
         .replace(">==", ">=").replace("!==", "!=")
    e = e.replace("ROUND(", "_round(").replace("IF(", "_if(")
    return eval(e, {"_round": excel_round,
                    "_if": lambda c, a, b: a if c else b})


def main(path):
    sheets = subprocess.run([sys.executable, here + "/xlsx_dump.py", path],
                            capture_output=True, text=True,
                            check=True).stdout.splitlines()
    checked, bad = 0, 0
    for sh in sheets:
        cells = cells_of(path, sh)
        for ref, (v, formula) in cells.items():
            if not formula:
                continue
            checked += 1
            try:
                got = evaluate(formula, cells)
            except Exception as ex:            # noqa: BLE001
                print("%s!%s: cannot evaluate %s (%s)" % (sh, ref, formula, ex))
                bad += 1
                continue
            same = (got == v) if isinstance(got, str) or isinstance(v, str) \
                else abs(float(got) - float(v or 0)) < 1e-9
            if not same:
                print("%s!%s: =%s gives %r, stored %r" % (sh, ref, formula,
                                                        got, v))
                bad += 1
    print("formulas: %d checked, %d wrong" % (checked, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
