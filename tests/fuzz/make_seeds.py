#!/usr/bin/env python3
"""Writes the seed corpora tests/fuzz/corpus/NAME/ from the tests: request
bodies of the malformed-request corpus (tests/malformed/corpus), the
benchmark bodies, the import example (tests/data), the strings of the
unit tests, the templates.  Run from the repository root when those
change; the output is committed (small files, one input each)."""
import hashlib
import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")
MAX = 8192


def put(name, data, cap=MAX):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > cap:
        return
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    h = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, h), "wb") as f:
        f.write(data)


def requests():
    d = os.path.join(ROOT, "tests", "malformed", "corpus")
    for fn in sorted(os.listdir(d)):
        raw = open(os.path.join(d, fn), "rb").read()
        head, sep, body = raw.partition(b"\r\n\r\n")
        if not sep:
            continue
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        hl = head.lower()
        if b"transfer-encoding" in hl:
            continue
        ct = re.search(rb"\r\ncontent-type: *([^\r]*)", hl)
        yield line, (ct.group(1) if ct else b""), body, head


FORM_OF = (("survey", 0), ("survei", 0), ("pengaduan", 1), ("complaint", 1),
           ("wbs", 2))


def form_index(line):
    for word, i in FORM_OF:
        if word in line:
            return i
    return 0


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for line, ct, body, head in requests():
        i = form_index(line)
        if ct.startswith(b"application/json"):
            put("jsonin", body)
            put("forms", bytes([i]) + body)
        elif ct.startswith(b"application/x-www-form-urlencoded"):
            put("urlenc", b"@" + body)
            put("forms", bytes([24 + i]) + body)
        elif ct.startswith(b"multipart/form-data"):
            real = re.search(rb"\r\ncontent-type: *([^\r]*)", head, re.I)
            put("multipart", real.group(1) + b"\n" + body)
    for fn in ("complaint.json", "survey.json"):
        body = open(os.path.join(ROOT, "tests", "bench", fn), "rb").read()
        put("jsonin", body)
        put("forms", bytes([1 if fn.startswith("c") else 0]) + body)
    example = open(os.path.join(ROOT, "tests", "data",
                                "import-example.json"), "rb").read()
    put("import", example, 65536)
    put("jsonin", example, 65536)
    doc = json.loads(example)
    for key in ("complaints", "wbs", "survey_responses", "survey_history",
                "recommendations", "populations"):
        part = {"format": doc["format"], "unit": doc["unit"], key: doc[key]}
        put("import", json.dumps(part, ensure_ascii=False, indent=1))
    put("import", json.dumps({"format": doc["format"], "unit": doc["unit"],
                              "settings": doc["settings"],
                              "holidays": doc["holidays"]}))

    # The forms' own fields, flat and url-encoded.
    for i, fields in enumerate((
            "service=KK&gender=P&age=34&education=SMA&occupation=SWASTA"
            "&U1=4&U2=3&U3=4&U4=4&U5=3&U6=4&U7=4&U8=3&U9=4&suggestion=Baik",
            "category=PELAYANAN&class=PENGADUAN&description=Antrian+loket+KTP"
            "+tidak+dilayani+sejak+pagi+hari&privacy=biasa&name=Budi"
            "&nik=3577014101900001&phone=0812-3456-7890&email=budi%40mail.id"
            "&incident_date=2026-01-05",
            "category=KORUPSI&reported_name=X&what=Pungutan+liar+di+loket"
            "&consent=ya")):
        put("forms", bytes([24 + i]) + fields.encode())
        put("urlenc", b"@" + fields.encode())
    for q in ("a=1&b=%20x&c", "period=2026-S1&unit=demo", "%zz=1", "=x&&y=",
              "k=%C3%A9%E2%82%AC+%F0%9F%98%80", "x=%00y"):
        put("urlenc", b"@" + q.encode())

    # Definitions for form_load (selector 7): the real ones.
    for i, fn in enumerate(("skm.json", "pengaduan.json", "wbs.json")):
        put("forms", bytes([7]) + open(os.path.join(ROOT, "forms", fn),
                                       "rb").read())

    # Multipart bodies as browsers and the HTTP tests send them.
    b = "XyZzYbOuNdArY"
    ct = "multipart/form-data; boundary=" + b
    parts = ("--%s\r\nContent-Disposition: form-data; name=\"category\"\r\n"
             "\r\nPELAYANAN\r\n--%s\r\nContent-Disposition: form-data; "
             "name=\"description\"\r\n\r\nAntrian panjang sekali\r\n" % (b, b))
    for fname, ctype, content in (
            ("bukti.pdf", "application/pdf", "%PDF-1.4\n1 0 obj\n%%EOF\n"),
            ("foto.jpg", "image/jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
            ("gambar.png", "image/png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("", "application/octet-stream", ""),
            ("nama-\xe9.txt", "text/plain", "halo")):
        body = (parts + "--%s\r\nContent-Disposition: form-data; "
                "name=\"lampiran\"; filename=\"%s\"\r\nContent-Type: %s\r\n"
                "\r\n%s\r\n--%s--\r\n" % (b, fname, ctype, content, b))
        put("multipart", (ct + "\n" + body).encode("latin-1"))
    put("multipart", (ct + "\n" + parts + "--" + b + "--\r\n").encode())
    put("multipart", ("multipart/form-data; boundary=\"q q\"\n--q q\r\n"
                      "Content-Disposition: form-data; name=a\r\n\r\n1\r\n"
                      "--q q--\r\n").encode())

    # Templates: the real ones and the renderer's corners.
    tdir = os.path.join(ROOT, "forms", "templates")
    for fn in sorted(os.listdir(tdir)):
        put("tmpl", open(os.path.join(tdir, fn), "rb").read())
    for t in ("{{title}} {{{title}}} {{n}} {{r}} {{a.b.c}} {{items.1.name}}",
              "{{#items}}<li>{{name}}{{.}}</li>{{/items}}{{^e}}kosong{{/e}}",
              "{{when|waktu}} {{day|tanggal}} {{other|waktu}} {{n|tanggal}}",
              "{{! komentar }}{{> footer}}{{#a}}{{#b}}{{c}}{{/b}}{{/a}}",
              "{{#t}}{{#t}}{{title}}{{/t}}{{/t}}{{#nul}}x{{/nul}}",
              "{{#items}}{{#sub}}{{.}}{{/sub}}{{/items}}\x00"
              "{\"items\":[{\"sub\":[\"<a>\",1,2.5,true,null]}]}"):
        put("tmpl", t)

    # Identity data as the unit tests type it.
    src = open(os.path.join(ROOT, "tests", "unit", "test_idcheck.c")).read()
    for s in sorted(set(re.findall(r'"([^"\\]{1,60})"', src))):
        if re.search(r"[0-9@]", s):
            put("idcheck", s)

    # Codes, receipts, keys, dates, periods, settings.
    for s in ("ABCD-EFGH-JKLM", "abcd efgh jkmn", "2345-6789-ABCD",
              "K7Q2-M9XP-4HTW-R8VN-J3LC-6BZD", "k7q2m9xp4htwr8vnj3lc6bzd",
              "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-"
              "MNOP-QRST", "123456", "2026-02-28", "2024-02-29", "0000-01-01",
              "9999-12-31", "2026", "2026-S1", "2026-Q4", "2199-S2",
              "DITERIMA", "DIVERIFIKASI", "SELESAI", "DIINVESTIGASI",
              "admin", "petugas_pengaduan", "identity", "wbs"):
        put("codes", s)
    for i, v in ((0, "5"), (1, "365"), (7, "admin,tim_zi"), (8, "custodian"),
                 (9, "yes"), (10, "https://layanan.example.go.id/")):
        put("codes", bytes([i]) + v.encode())
    put("codes", b"\xf0hk_verify\x0030")


if __name__ == "__main__":
    main()
