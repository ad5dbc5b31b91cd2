#!/usr/bin/env python3
"""Regenerate the Russian personal-name data used by the obezlik PERSON detector.

READS
    The OpenCorpora morphological dictionary as shipped in the PyPI package
    ``pymorphy3-dicts-ru`` (loaded through ``pymorphy3``).  Only paradigms whose
    tags carry the grammemes ``Name`` (first name) or ``Surn`` (surname) are
    exported; every other paradigm is used only to decide whether a word form
    is ambiguous with an ordinary word.  Data licence: CC BY-SA 3.0,
    OpenCorpora (https://opencorpora.org); see NOTICE.md.
    extra_first_names.in (next to this script): hand-maintained list of common
    given names (Kazakh, Kyrgyz, Uzbek, Tajik, Tatar, Bashkir, Azerbaijani,
    Armenian, Georgian, Chechen/Dagestani, modern Russian) collected by the
    project, "lemma<TAB>g" per line.  A (lemma, g) that OpenCorpora already has
    as a Name is skipped; the others are declined by rule (decline_extra()) and
    merged into first_names.txt and latin_first_names.txt.

WRITES (next to this script; UTF-8, "\\n" line ends, lines sorted, no duplicates,
header lines start with "#")
    first_names.txt        lemma<TAB>g<TAB>form:cases form:cases ...
    surnames.txt           lemma<TAB>g<TAB>form:cases form:cases ...
    latin_first_names.txt  latin<TAB>g<TAB>cyrillic_lemma
    latin_surnames.txt     latin<TAB>g<TAB>cyrillic_lemma
    NOTICE.md              attribution / licence of the derived files

    All strings are lower case with "ё" folded to "е".
    g      : "m" or "f".  A lemma tagged ms-f (common gender, e.g. "саша")
             yields two lines, one "m" and one "f".  A surname paradigm that
             holds both genders (иванов / иванова) yields one line per gender,
             each with its own lemma (the nominative singular of that gender).
    cases  : letters from "ngdaip" (nomn gent datv accs ablt loct), in that
             order, for which the form is a SINGULAR form of the lemma.
             voct/gen2/acc2/loc2 and all plural forms are ignored.
    "!"    : appended after the cases when the exact (ё-folded) word form also
             has a dictionary parse that is not Name/Surn/Patr (an ordinary
             word, a place name (Geox), ...), e.g. "веру:a!".  Possessive
             adjectives formed from first names (иванов 'Ivan's') are NOT
             counted; see ambiguous_forms().
    Forms in a line are ordered by their first case (n<g<d<a<i<p), then
    alphabetically.  Lemmas containing anything but Cyrillic letters and "-"
    and lemmas tagged Abbr/Init/Erro are dropped.  Hyphenated lemmas are kept.

RERUN
    pip install pymorphy3 pymorphy3-dicts-ru
    python3 crates/obezlik-detect/rules/names/build_names.py          # build
    python3 crates/obezlik-detect/rules/names/build_names.py --check  # verify

Deterministic: the same dictionary version gives byte-identical output.
Uses only the standard library and pymorphy3.
"""

import itertools
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [("nomn", "n"), ("gent", "g"), ("datv", "d"), ("accs", "a"), ("ablt", "i"), ("loct", "p")]
CASE_LETTER = dict(CASES)
CASE_ORDER = "ngdaip"
NAME_GRAMS = {"Name", "Surn", "Patr"}
LEMMA_RE = re.compile(r"^[а-я]+(?:-[а-я]+)*$")
SCRIPT = "crates/obezlik-detect/rules/names/build_names.py"


def fold(s):
    return s.lower().replace("ё", "е")


# ---------------------------------------------------------------- extraction

def extract(morph):
    """Return {"Name": {(lemma, g): {form: set(cases)}}, "Surn": ...} and the
    original (ё-preserving) nominative spelling of every (lemma, g)."""
    # para_id -> kind -> g -> list of (idx, word, caseletter)
    paras = {}
    bad_para = set()
    # NB: para_id is the inflection-pattern id shared by many lexemes, so a
    # lexeme is identified by (normal_form, para_id).
    for word, tag, nf, para_id, idx in morph.dictionary.iter_known_words():
        pid = (nf, para_id)
        g = tag.grammemes
        kind = "Name" if "Name" in g else "Surn" if "Surn" in g else None
        if kind is None:
            continue
        if "Abbr" in g or "Init" in g or "Erro" in g:
            bad_para.add((pid, kind))
            continue
        if "sing" not in g:
            continue
        case = next((CASE_LETTER[c] for c in CASE_LETTER if c in g), None)
        if case is None:
            continue
        if "ms-f" in g:
            genders = ("m", "f")
        elif "masc" in g:
            genders = ("m",)
        elif "femn" in g:
            genders = ("f",)
        else:
            continue
        for gg in genders:
            paras.setdefault((pid, kind), {}).setdefault(gg, []).append((idx, word, case))

    out = {"Name": {}, "Surn": {}}
    orig = {"Name": {}, "Surn": {}}
    for (pid, kind), by_g in paras.items():
        if (pid, kind) in bad_para:
            continue
        for gg, items in by_g.items():
            items.sort()
            nom = [w for _i, w, c in items if c == "n"]
            if not nom:
                continue
            lemma_orig = nom[0]
            lemma = fold(lemma_orig)
            if not LEMMA_RE.match(lemma):
                continue
            forms = out[kind].setdefault((lemma, gg), {})
            orig[kind].setdefault((lemma, gg), set()).add(lemma_orig)
            for _i, w, c in items:
                forms.setdefault(fold(w), set()).add(c)
    return out, orig


def poss_of_name(nf, name_noms):
    """True if possessive adjective lemma nf is derived from a first name
    (иванов <- иван, игорев <- игорь, машин <- маша, ванин <- ваня)."""
    nf = fold(nf)
    stem, suf = nf[:-2], nf[-2:]
    if suf in ("ов", "ев"):
        cands = (stem, stem + "ь", stem + "й")
    elif suf in ("ин", "ын"):
        cands = (stem + "а", stem + "я")
    else:
        return False
    return any(c in name_noms for c in cands)


def ambiguous_forms(morph, forms, name_noms):
    """Subset of (folded) forms that also have a non-Name/Surn/Patr parse.

    Exception: a possessive-adjective parse (ADJF,Poss) derived from a first
    name (иванов 'Ivan's', машин 'Masha's') does not count -- otherwise almost
    every -ов/-ин surname form would be flagged.  Possessives of common nouns
    (мамин, бабушкин) still count."""
    d = morph.dictionary
    subst = morph.char_substitutes  # е -> ё
    amb = set()
    for f in forms:
        for w, parses in d.words.similar_items(f, subst):
            hit = False
            for p, i in parses:
                g = d.build_tag_info(p, i).grammemes
                if NAME_GRAMS & g:
                    continue
                if "Poss" in g and "ADJF" in g and poss_of_name(d.build_normal_form(p, i, w), name_noms):
                    continue
                hit = True
                break
            if hit:
                amb.add(f)
                break
    return amb


def format_lines(data, amb):
    lines = []
    for (lemma, g), forms in data.items():
        parts = []
        for f, cs in forms.items():
            cstr = "".join(c for c in CASE_ORDER if c in cs)
            parts.append((CASE_ORDER.index(cstr[0]), f, f + ":" + cstr + ("!" if f in amb else "")))
        parts.sort()
        lines.append(lemma + "\t" + g + "\t" + " ".join(p[2] for p in parts))
    return sorted(set(lines))


# ------------------------------------------------------------ extra names

EXTRA_FILE = "extra_first_names.in"


def load_extra():
    """[(lemma_orig, g)] from extra_first_names.in (lemma_orig may hold ё)."""
    rows = []
    with open(os.path.join(HERE, EXTRA_FILE), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            assert len(parts) == 2 and parts[1] in ("m", "f"), "%s:%d: %r" % (EXTRA_FILE, n, line)
            lemma = parts[0]
            assert lemma == lemma.lower() and LEMMA_RE.match(fold(lemma)), "%s:%d: %r" % (EXTRA_FILE, n, line)
            rows.append((lemma, parts[1]))
    keys = [(fold(l), g) for l, g in rows]
    assert len(keys) == len(set(keys)), EXTRA_FILE + ": duplicate lemma/gender"
    return rows


def decline_extra(lemma, g):
    """Singular case forms {form: set(case letters)} of a folded extra lemma,
    by rule (no stress information, so some choices are approximations):
      ends in а / я (either gender): Russian 1st declension
          -а: ы:g (и after г к х ж ш ч щ) е:dp у:a ой:i ою:i
              (after ж ш ч щ ц: ей/ею:i as well as ой/ою:i)
          -я: и:g е:dp ю:a ей:i ею:i;  -ия: ии:gdp
      ends in another vowel (о е и у ю э ы): indeclinable
      feminine ending in a consonant, й or ь: indeclinable
      masculine -й / -ь: я:ga ю:d ем:i е:p (-ий: ии:p)
      masculine other consonant: а:ga у:d ом:i (ем after ц ж ш ч щ) е:p"""
    forms = {}

    def add(f, cases):
        forms.setdefault(f, set()).update(cases)

    last, stem = lemma[-1], lemma[:-1]
    if last == "а":
        add(lemma, "n")
        add(stem + ("и" if stem[-1:] in tuple("гкхжшчщ") else "ы"), "g")
        add(stem + "е", "dp")
        add(stem + "у", "a")
        add(stem + "ой", "i")
        add(stem + "ою", "i")
        if stem[-1:] in tuple("жшчщц"):
            add(stem + "ей", "i")
            add(stem + "ею", "i")
    elif last == "я":
        add(lemma, "n")
        if stem.endswith("и"):
            add(stem + "и", "gdp")
        else:
            add(stem + "и", "g")
            add(stem + "е", "dp")
        add(stem + "ю", "a")
        add(stem + "ей", "i")
        add(stem + "ею", "i")
    elif last in "оеиуюэы" or g == "f":
        add(lemma, "ngdaip")
    elif last in "йь":
        add(lemma, "n")
        add(stem + "я", "ga")
        add(stem + "ю", "d")
        add(stem + "ем", "i")
        add(stem + ("и" if stem.endswith("и") else "е"), "p")
    else:
        add(lemma, "n")
        add(lemma + "а", "ga")
        add(lemma + "у", "d")
        add(lemma + ("ем" if last in "цжшчщ" else "ом"), "i")
        add(lemma + "е", "p")
    return forms


def merge_extra(names, orig_names):
    """Add the extra names that OpenCorpora lacks to names/orig_names (in
    place); return the list of (lemma, g) added."""
    added = []
    for lemma_orig, g in load_extra():
        key = (fold(lemma_orig), g)
        if key in names:
            continue
        names[key] = decline_extra(key[0], g)
        orig_names.setdefault(key, set()).add(lemma_orig)
        added.append(key)
    return added


# ----------------------------------------------------------- transliteration
# Each letter gets a list of alternatives; the first alternative of the list
# is the ICAO Doc 9303 / приказ МИД 2013 value.  Alternatives are grouped into
# "features" (letter classes); every variant makes ONE choice per feature that
# is applied consistently to all its occurrences in the word, so the number of
# variants is the product of the options of the features present.

BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ы": "y", "э": "e",
}
VOWELS = set("аеёиоуыэюяьъ")

# feature -> options (option 0 = ICAO 2013, option 1 = old MVD 1997 style,
# further options = common spellings)
FEATURES = {
    "й": ["i", "y"],                 # сергей: sergei / sergey
    "final_ий": ["ii", "iy", "y", "i"],  # дмитрий: dmitrii / dmitriy / dmitry / dmitri
    "ю": ["iu", "yu", "ju"],         # ju only word-initially (julia)
    "я": ["ia", "ya", "ja"],         # ja only word-initially
    "ия": ["iia", "iya", "ia"],      # юлия: iuliia / yuliya / yulia
    "ь": ["", "i"],                  # васильев: vasilev / vasiliev; i only before a vowel
    "ье": ["e", "ye", "ie"],          # васильев: vasilev / vasilyev / vasiliev
    "ъ": ["ie", ""],
    "ё": ["e", "yo"],                # пётр: petr / pyotr
    "ye": ["e", "ye"],               # е word-initially / after vowel: evgenii / yevgenii
    "х": ["kh", "h"],
    "кс": ["ks", "x"],
    "final_андр": ["ndr", "nder"],   # aleksandr / alexander
}


def tokens(word):
    """Split a Cyrillic word into (feature or None, literal) tokens."""
    out = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        prev = word[i - 1] if i > 0 else ""
        initial = i == 0 or prev == "-"
        at_end = i + 2 == n or (i + 2 < n and word[i + 2] == "-")
        if c == "и" and nxt == "й" and at_end:
            out.append(("final_ий", None)); i += 2; continue
        if c == "и" and nxt == "я":
            out.append(("ия", None)); i += 2; continue
        if c == "к" and nxt == "с":
            out.append(("кс", None)); i += 2; continue
        if c == "н" and word[i:i + 3] == "ндр" and (i + 3 == n or word[i + 3] == "-"):
            out.append(("final_андр", None)); i += 3; continue
        if c == "ю":
            out.append(("ю" if initial else "ю-", None)); i += 1; continue
        if c == "я":
            out.append(("я" if initial else "я-", None)); i += 1; continue
        if c == "ь" and nxt == "е":
            out.append(("ье", None)); i += 2; continue
        if c == "ь":
            out.append(("ь" if nxt in VOWELS and nxt else "ь0", None)); i += 1; continue
        if c == "е":
            out.append(("ye" if (initial or prev in VOWELS) else None, "e")); i += 1; continue
        if c == "ё":
            if initial or prev in VOWELS:
                out.append(("ё", None))  # ёжиков: ezhikov / yozhikov
            elif prev in "жшчщ":
                out.append(("ёo", None))  # артём-like after sibilant: e / o
            else:
                out.append(("ё", None))
            i += 1; continue
        if c in ("й", "ъ", "х"):
            out.append((c, None)); i += 1; continue
        if c == "-":
            out.append((None, "-")); i += 1; continue
        out.append((None, BASE[c])); i += 1
    return out


# token kind -> (feature key, options)
TOKEN_OPTS = {
    "final_ий": ("final_ий", FEATURES["final_ий"]),
    "ия": ("ия", FEATURES["ия"]),
    "кс": ("кс", FEATURES["кс"]),
    "final_андр": ("final_андр", FEATURES["final_андр"]),
    "ю": ("ю", ["iu", "yu", "ju"]),
    "ю-": ("ю", ["iu", "yu", "yu"]),
    "я": ("я", ["ia", "ya", "ja"]),
    "я-": ("я", ["ia", "ya", "ya"]),
    "ь": ("ь", ["", "i"]),
    "ье": ("ье", FEATURES["ье"]),
    "ь0": ("ь", ["", ""]),
    "ye": ("ye", ["e", "ye"]),
    "ё": ("ё", ["e", "yo"]),
    "ёo": ("ё", ["e", "o"]),
    "й": ("й", FEATURES["й"]),
    "ъ": ("ъ", FEATURES["ъ"]),
    "х": ("х", FEATURES["х"]),
}


def transliterations(word):
    """All passport-style Latin spellings of a Cyrillic nominative (set)."""
    toks = tokens(word)
    feats = sorted({TOKEN_OPTS[k][0] for k, _ in toks if k is not None})
    nopt = {f: len(FEATURES[f]) for f in feats}
    result = set()
    for choice in itertools.product(*[range(nopt[f]) for f in feats]):
        ch = dict(zip(feats, choice))
        s = []
        for k, lit in toks:
            if k is None:
                s.append(lit)
            else:
                fkey, opts = TOKEN_OPTS[k]
                s.append(opts[ch[fkey]])
        result.add("".join(s))
    return result


def latin_lines(orig):
    lines = set()
    for (lemma, g), spellings in orig.items():
        for sp in spellings:
            for lat in transliterations(sp.lower()):
                lines.add(lat + "\t" + g + "\t" + lemma)
    return sorted(lines)


# ------------------------------------------------------------------- output

def header(kind, fmt, extra=False):
    return [
        "# obezlik PERSON data: %s." % kind,
        "# Source: OpenCorpora dictionary (https://opencorpora.org) via the PyPI package",
        "#   pymorphy3-dicts-ru %s." % DICT_VERSION,
    ] + ([
        "#   Plus the project's own list of common given names, %s, declined by rule." % EXTRA_FILE,
    ] if extra else []) + [
        "# Licence: CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/), see NOTICE.md.",
        "# Generated by %s -- do not edit by hand." % SCRIPT,
        "# Format: %s" % fmt,
    ]


FORM_FMT = ("lemma<TAB>g<TAB>form:cases[!] ...; g = m|f; cases from 'ngdaip' "
            "(nomn gent datv accs ablt loct), singular only; '!' = the form is also "
            "an ordinary (non-name) word; lower case, ё folded to е.")
LATIN_FMT = ("latin<TAB>g<TAB>cyrillic_lemma; g = m|f; ICAO 2013 (МИД), old 1997 style "
             "(й y, ю yu, я ya) and common variants; lower case.")

DICT_VERSION = "?"


def write(name, head, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as fh:
        for h in head:
            fh.write(h + "\n")
        for ln in lines:
            fh.write(ln + "\n")


NOTICE = """# Name data: attribution and licence

The files in this folder

- `first_names.txt`
- `surnames.txt`
- `latin_first_names.txt`
- `latin_surnames.txt`

are derived from the **OpenCorpora** morphological dictionary of Russian
(https://opencorpora.org), © the OpenCorpora project and contributors, as
distributed in the PyPI package **pymorphy3-dicts-ru** (version {ver},
https://github.com/no-plagiarism/pymorphy3-dicts).

The OpenCorpora dictionary is licensed under the **Creative Commons
Attribution-ShareAlike 3.0 Unported** licence (CC BY-SA 3.0,
https://creativecommons.org/licenses/by-sa/3.0/). The derived files above are
therefore distributed under the same licence, CC BY-SA 3.0.

Changes made: only first-name (`Name`) and surname (`Surn`) paradigms were
kept; plural forms, vocative and second genitive/accusative/locative forms were
dropped; all strings were lower-cased and `ё` folded to `е`; forms were
marked `!` when the word form also has a non-name reading in the dictionary;
Latin passport-style transliterations were generated by rule.

`first_names.txt` and `latin_first_names.txt` also contain given names from
`extra_first_names.in`, a list of common (mostly Central Asian, Caucasian,
Tatar/Bashkir and modern Russian) given names written by the obezlik project
itself; those missing from OpenCorpora are declined by rule in `build_names.py`.

The files are regenerated by `build_names.py` (not covered by CC BY-SA; it is
part of obezlik):

    pip install pymorphy3 pymorphy3-dicts-ru
    python3 crates/obezlik-detect/rules/names/build_names.py
    python3 crates/obezlik-detect/rules/names/build_names.py --check
"""


def build():
    global DICT_VERSION
    import pymorphy3
    morph = pymorphy3.MorphAnalyzer()
    DICT_VERSION = str(morph.dictionary.meta.get("version", "?"))
    try:
        from importlib.metadata import version
        DICT_VERSION = version("pymorphy3-dicts-ru")
    except Exception:
        pass
    data, orig = extract(morph)
    added = merge_extra(data["Name"], orig["Name"])
    print("%s: %d new lemma/gender pairs (%d m, %d f)" % (
        EXTRA_FILE, len(added), sum(g == "m" for _l, g in added), sum(g == "f" for _l, g in added)))
    allforms = set()
    for kind in data:
        for forms in data[kind].values():
            allforms.update(forms)
    name_noms = {lemma for lemma, _g in data["Name"]}
    amb = ambiguous_forms(morph, allforms, name_noms)
    write("first_names.txt", header("first names (Name)", FORM_FMT, True), format_lines(data["Name"], amb))
    write("surnames.txt", header("surnames (Surn)", FORM_FMT), format_lines(data["Surn"], amb))
    write("latin_first_names.txt", header("Latin first names", LATIN_FMT, True), latin_lines(orig["Name"]))
    write("latin_surnames.txt", header("Latin surnames", LATIN_FMT), latin_lines(orig["Surn"]))
    with open(os.path.join(HERE, "NOTICE.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(NOTICE.format(ver=DICT_VERSION))


# -------------------------------------------------------------------- check

def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as fh:
        raw = fh.read()
    assert "\r" not in raw and raw.endswith("\n"), name
    lines = [l for l in raw.split("\n") if l and not l.startswith("#")]
    assert all("ё" not in l and l == l.lower() for l in lines), name
    assert lines == sorted(set(lines)), name + ": not sorted or has duplicates"
    return {tuple(l.split("\t")[:2]): l.split("\t")[-1].split(" ") for l in lines}


def check():
    fn, sn, lf, ls = (load(n) for n in ("first_names.txt", "surnames.txt", "latin_first_names.txt", "latin_surnames.txt"))
    assert "ивану:d" in fn[("иван", "m")]
    assert any(f.startswith("анной:") and "i" in f.split(":")[1] for f in fn[("анна", "f")])
    assert any(f.startswith("кузнецовой:") for f in sn[("кузнецова", "f")])
    assert all(f.endswith("!") for f in fn[("вера", "f")] if f.split(":")[0] in ("вера", "веру", "веры"))
    assert ("ivanov", "m") in ls and ("ivanova", "f") in ls and ("shchukin", "m") in ls
    assert all(("%s" % k, g) in lf for k, g in [("yulia", "f"), ("julia", "f"), ("alexander", "m"), ("sergey", "m"), ("sergei", "m")])
    assert "аружан:ngdaip" in fn[("аружан", "f")]
    assert "ержану:d" in fn[("ержан", "m")] and "ержаном:i" in fn[("ержан", "m")]
    assert ("yerzhan", "m") in lf and ("aruzhan", "f") in lf
    print("check OK: %d first-name lines, %d surname lines" % (len(fn), len(sn)))


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        check()
    else:
        build()
        check()
