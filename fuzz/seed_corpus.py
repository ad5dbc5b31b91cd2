#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets into fuzz/seeds/<target>/ (not
committed; `just fuzz` merges them into fuzz/corpus/<target>/).

Sources: corpora/examples/*, the "text" fields of corpora/gold/dev.jsonl,
crates/obezlik-detect/rules/examples/*.txt, a few policies. The reidentify
seeds are encrypt-mode output under the fuzz key (needs target/release/obezlik).
"""
import hashlib, json, os, pathlib, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
KEY = bytes([0x6f, 0x62, 0x65, 0x7a, 0x6c, 0x69, 0x6b, 0x2d, 0x66, 0x75, 0x7a, 0x7a, 0x2d, 0x6b, 0x65, 0x79,
             0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10])
MAX = 4096


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    data = data[:MAX]
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


texts = []
for p in sorted((ROOT / "corpora/examples").iterdir()):
    b = p.read_bytes()
    texts += b.split(b"\n")[:200]
    for i in range(0, min(len(b), 40000), 3000):
        texts.append(b[i:i + 3000])
with open(ROOT / "corpora/gold/dev.jsonl", "rb") as f:
    for i, line in enumerate(f):
        if i >= 300:
            break
        texts.append(json.loads(line)["text"].encode())
for p in sorted((ROOT / "crates/obezlik-detect/rules/examples").glob("*.txt")):
    texts += [l for l in p.read_bytes().split(b"\n") if l and not l.startswith(b"#")]
    texts.append(p.read_bytes())
texts = [t for t in texts if t.strip()]

for t in texts:
    put("scan", t)
    put("anonymize", t)

# JSONL: the chat example's lines, gold lines, texts wrapped in JSON.
for p in [ROOT / "corpora/examples/chat.jsonl"]:
    for l in p.read_bytes().split(b"\n")[:200]:
        put("jsonl", l)
with open(ROOT / "corpora/gold/dev.jsonl", "rb") as f:
    for i, line in enumerate(f):
        if i >= 100:
            break
        put("jsonl", line.rstrip(b"\n"))
for t in texts[::7]:
    s = t.decode("utf-8", "replace")
    put("jsonl", json.dumps({"messages": [{"role": "user", "content": s}], "prompt": s[:50], "a": [{"b": s[-40:]}]}, ensure_ascii=False))
    put("jsonl", json.dumps({"content": [{"type": "text", "text": s}], "id": 7, "x": [1.5e3, None, True]}))

# CSV: first byte = options (separator, columns), then the CSV.
for t in texts[::5]:
    s = t.decode("utf-8", "replace")
    rows = ["id,name,text"] + [f'{i},"{l[:40].replace(chr(34), chr(34) * 2)}","{l.replace(chr(34), chr(34) * 2)}"' for i, l in enumerate(s.split("\n")[:8])]
    put("csv", b"\x00" + "\r\n".join(rows).encode())
    put("csv", b"\x0d" + "\n".join(r.replace(",", ";") for r in rows).encode())
    put("csv", b"\x08" + ("\ufeffname\ttext\n" + "\n".join(f"{l[:30]}\t{l}" for l in s.split("\n")[:8] if '"' not in l)).encode())

# Policies.
policies = [
    'mode = "tag"\nlabels = ["PHONE", "EMAIL", "INN", "CARD"]\nallow = ["support@example.ru", "8-800-555-35-35"]\nmin_score = 0.5\n\n[modes]\nEMAIL = "mask"\nCARD = "redact"\n\n[[patterns]]\nlabel = "SECRET"\nregex = \'corp_[A-Za-z0-9]{24}\'\n',
    'mode = "redact"\nallow = ["support@example.ru"]\n[modes]\nEMAIL = "mask"\n[[patterns]]\nlabel = "SECRET"\nregex = \'corp_[a-z0-9]{6}\'\n',
    'mode = "encrypt"\n[modes]\nPERSON = "fake"\nADDRESS = "fake"\nPHONE = "tag"\n',
    '[[patterns]]\nlabel = "ACCOUNT"\nregex = \'[a-z]*X|a\'\n[[patterns]]\nlabel = "PERSON"\nregex = \'(?i)иван\\w*\'\n',
    'labels = ["SECRET"]\nmin_score = 1.0\n[[patterns]]\nlabel = "SECRET"\nregex = \'\\n|^$|\\b\'\n',
    'mode = "fake"\n',
    'labels = []\n',
]
for p in policies:
    put("policy", p)

# reidentify: encrypt output under the fuzz key, plus a few broken tokens.
exe = ROOT / "target/release/obezlik"
if exe.exists():
    with tempfile.TemporaryDirectory() as d:
        kf = pathlib.Path(d) / "k"
        kf.write_text(KEY.hex() + "\n")
        os.chmod(kf, 0o600)
        for t in texts[::3]:
            r = subprocess.run([str(exe), "anonymize", "--mode", "encrypt", "--key-file", str(kf)],
                               input=t + b"\n", capture_output=True)
            if r.returncode == 0 and b"[[" in r.stdout:
                put("reidentify", r.stdout)
else:
    print("no target/release/obezlik: reidentify seeds are only the hand-written ones", file=sys.stderr)
for s in ["[[PHONE~]]", "[[PHONE~AAAA", "[[OGRNIP~abc]] [[OGRN~", "x [[EMAIL~" + "A" * 40 + "]]\n", "[[[[SECRET~-_-_]]]]"]:
    put("reidentify", s)
for t in sorted(OUT.iterdir()):
    print(t.name, len(list(t.iterdir())))
