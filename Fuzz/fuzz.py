#!/usr/bin/env python3
"""A seeded mutation fuzzer for the `cofund` command line (standard library only).

Every case is built from the corpus (the plans and rule sets in Models/ and the CLI test fixtures),
mutated, and run through `cofund solve` or `cofund export` in a fresh temporary directory. A case
passes when cofund ends with a documented exit code and a message, within the time limit, leaving
no stray file and no half-written output. Case content depends only on --seed and the case number,
so any case can be replayed alone with `--seed S --case N`, whatever --jobs was.

See Fuzz/README.md for the oracle, the mutators and the regression fixtures.
"""

import argparse
import concurrent.futures
import gzip
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
REGRESSIONS = os.path.join(HERE, "regressions")

# `cofund --help`: 0 solved, 1 infeasible, 2 missing inputs, 3 unfinished, 64 usage, 65 invalid
# plan or rule set, 73 cannot write. 70 (internal error) is a failure.
DOCUMENTED = {0, 1, 2, 3, 4, 64, 65, 73}
REPORTED = {0, 1, 2, 3, 4}       # exit codes that come with a report (solve, check) or files (export)
MEMORY_LIMIT = 4 << 30           # address space per cofund run; exceeding it shows as a crash
MAX_CAPTURE = 8 << 20            # stdout/stderr kept per case

CORPUS_GLOBS = [
    ("Models/plans", (".yaml",)),
    ("Models/examples", (".yaml",)),
    ("Models/rulesets", (".yaml",)),
    ("Models/areas", (".csv",)),
    ("Tests/CLITests/Fixtures", (".yaml", ".json")),
    ("Tests/CLITests/Fixtures/invalid", None),
]

# --------------------------------------------------------------------------------------------
# Corpus


class Corpus:
    """The corpus files (bytes by repository-relative path) and the plan/rule-set pairs."""

    def __init__(self, root):
        self.files = {}
        for folder, exts in CORPUS_GLOBS:
            full = os.path.join(root, folder)
            if not os.path.isdir(full):
                continue
            for name in sorted(os.listdir(full)):
                path = os.path.join(full, name)
                if not os.path.isfile(path) or (exts and not name.endswith(exts)):
                    continue
                with open(path, "rb") as handle:
                    self.files[folder + "/" + name] = handle.read()
        # Every corpus file is a case base; its rule set (when it names one that exists) comes along.
        self.entries = []
        referenced = set()
        for path in sorted(self.files):
            if path.endswith(".csv"):
                continue                        # area tables come with the plans that name them
            rules = self.rule_set_of(path)
            if rules:
                referenced.add(rules)
            self.entries.append((path, rules))
        # Rule sets no plan names are paired with a plan whose `ruleSet:` is pointed at them.
        rule_sets = [p for p in sorted(self.files) if is_rule_set(self.files[p])]
        carrier = "Models/plans/tinh-bien-2024.yaml"
        for path in rule_sets:
            if path not in referenced and carrier in self.files:
                self.entries.append((carrier, path))
        self.lines = []
        for path in sorted(self.files):
            self.lines.extend(self.files[path].splitlines(keepends=True))

    def rule_set_of(self, path):
        match = re.search(rb'^\s*"?ruleSet"?\s*:\s*"?([^"\n#]+?)"?\s*,?\s*$', self.files[path], re.M)
        if not match:
            return None
        target = os.path.normpath(os.path.join(os.path.dirname(path), match.group(1).decode("utf-8", "replace")))
        return target if target in self.files else None


    def area_table_of(self, path):
        match = re.search(rb'^\s*"?areas"?\s*:\s*"?([^"\n#\[{]+?\.csv)"?\s*,?\s*$', self.files[path], re.M)
        if not match:
            return None
        target = os.path.normpath(os.path.join(os.path.dirname(path), match.group(1).decode("utf-8", "replace")))
        return target if target in self.files else None


def is_rule_set(data):
    return re.search(rb'^\s*"?cofund"?\s*:\s*"?rule-set', data, re.M) is not None


_CORPUS = None


def corpus():
    global _CORPUS
    if _CORPUS is None:
        _CORPUS = Corpus(REPO)
    return _CORPUS


# --------------------------------------------------------------------------------------------
# Text helpers: mutators work on bytes; the textual ones decode with surrogateescape so that
# any byte survives the round trip.


def text_of(data):
    return data.decode("utf-8", "surrogateescape")


def bytes_of(text):
    return text.encode("utf-8", "surrogateescape")


# Bounded repeats and a look-behind keep these linear on multi-megabyte lines.
SCALAR_VALUE = re.compile(r'(?<![A-Za-z0-9_"])("?[A-Za-z_][A-Za-z0-9_]{0,40}"?[ \t]{0,8}:[ \t]{1,8})([^\s,{}\[\]#&*|>][^,{}\[\]\n#]{0,200}?)(?=[ \t]*(?:[,}\]\n#]|$))')
NUMBER = re.compile(r'(?<![\w.\-+])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])')
KEYED_NUMBER = re.compile(r'\b(ratio|need|available|amount|floor|fixed|weight|target|max|min|share)("?[ \t]*:[ \t]*)(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)')
RULESET_LINE = re.compile(rb'("?ruleSet"?[ \t]*:[ \t]*)([^\n]*?)([ \t]*,?[ \t]*)$', re.M)


def pick_match(rng, pattern, text):
    matches = list(pattern.finditer(text))
    return rng.choice(matches) if matches else None


def replace_span(text, start, end, new):
    return text[:start] + new + text[end:]


def yaml_quote(value):
    """A double-quoted YAML (and JSON) string for `value`, escaping what YAML needs escaped."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code == 0:
            out.append("\\u0000")
        elif code < 0x20 or code == 0x7F:
            out.append("\\u%04x" % code)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def relative_to_root(path):
    """The relative path from the folder of `path` (repository-relative) back to the case root."""
    depth = len(os.path.dirname(path).split("/")) if os.path.dirname(path) else 0
    return "/".join([".."] * depth) if depth else "."


# --------------------------------------------------------------------------------------------
# Mutators. Each takes (rng, case) where case["target"] is the file being mutated, changes
# case["files"][target] (or the case's layout), and returns a short description.


def m_byte_flip(rng, case):
    data = bytearray(case["files"][case["target"]])
    if not data:
        data = bytearray(b"\x00")
    count = rng.choice([1, 1, 2, 4, 8, 16])
    spots = []
    for _ in range(count):
        i = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[i] ^= 1 << rng.randrange(8)
        else:
            data[i] = rng.randrange(256)
        spots.append(i)
    case["files"][case["target"]] = bytes(data)
    return "byte-flip x%d at %s" % (count, ",".join(map(str, spots[:4])))


def m_truncate(rng, case):
    data = case["files"][case["target"]]
    at = rng.randrange(len(data) + 1) if data else 0
    case["files"][case["target"]] = data[:at]
    return "truncate at byte %d of %d" % (at, len(data))


def m_line_edit(rng, case):
    lines = case["files"][case["target"]].splitlines(keepends=True)
    if not lines:
        lines = [b"\n"]
    op = rng.choice(["delete", "duplicate", "swap", "move", "indent", "dedent", "splice", "delete-block"])
    i = rng.randrange(len(lines))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "move":
        line = lines.pop(i)
        lines.insert(rng.randrange(len(lines) + 1), line)
    elif op == "indent":
        lines[i] = b" " * rng.choice([1, 2, 4]) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i].lstrip(b" ")
    elif op == "splice":
        lines.insert(i, rng.choice(corpus().lines))
    else:
        j = min(len(lines), i + rng.randint(2, 12))
        del lines[i:j]
    case["files"][case["target"]] = b"".join(lines)
    return "line %s at line %d" % (op, i + 1)


WRONG_TYPES = ["[1, 2]", "[]", "{a: 1}", "{}", '"text"', "text with words", "true", "false", "null", "~",
               "''", "[[[]]]", "- x", "2024-01-01", "0x10", "0o17", "!!binary aGVsbG8=", "!!str 12",
               "!custom 5", "|\n  block\n", "? complex\n: key"]
WRONG_TYPES_JSON = ["[1, 2]", "[]", '{"a": 1}', "{}", '"text"', "true", "false", "null", '""', "[[[]]]"]


def m_wrong_type(rng, case):
    text = text_of(case["files"][case["target"]])
    match = pick_match(rng, SCALAR_VALUE, text)
    if not match:
        return m_line_edit(rng, case)
    new = rng.choice(WRONG_TYPES_JSON if case["target"].endswith(".json") else WRONG_TYPES)
    text = replace_span(text, match.start(2), match.end(2), new)
    case["files"][case["target"]] = bytes_of(text)
    return "wrong type: %s -> %s" % (match.group(1).strip(), new.replace("\n", "\\n"))


EXTREMES = ["0", "-0", "0.0", "-0.0", "1e-300", "1e-100", "1e-50", "1e-20", "1e-12", "5e-324",
            "2.2250738585072014e-308", "1e308", "1.7976931348623157e308", "-1e308", "1e309",
            "99999999999999999999999999999", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "18446744073709551616", "1e15", "123456789012.345", "nan", ".nan",
            ".NaN", "NaN", ".inf", "-.inf", "+.inf", "inf", "Infinity", "4.179", "4.179.000", "4,179",
            "1_000", "0x1F", "+12", "1e", ".5", "5.", "0.9999999999999999", "1.0000000000000002",
            "0.1e1", "1E-7", "-1", "-1e-300", "1e-7"]


def m_extreme_number(rng, case):
    text = text_of(case["files"][case["target"]])
    keyed = rng.random()
    match = None
    if keyed < 0.25:
        ratios = [m for m in KEYED_NUMBER.finditer(text) if m.group(1) == "ratio"]
        match = rng.choice(ratios) if ratios else pick_match(rng, KEYED_NUMBER, text)
    elif keyed < 0.6:
        match = pick_match(rng, KEYED_NUMBER, text)
    if match:
        start, end, where = match.start(3), match.end(3), match.group(1)
    else:
        match = pick_match(rng, NUMBER, text)
        if not match:
            return m_wrong_type(rng, case)
        start, end = match.span()
        line = text.count("\n", 0, start) + 1
        where = "line %d" % line
    new = rng.choice(EXTREMES)
    case["files"][case["target"]] = bytes_of(replace_span(text, start, end, new))
    return "extreme number: %s %s -> %s" % (where, text[start:end], new)


# Values the loader should accept, at the edges of what floating point and the solver handle.
VALID_RATIOS = ["0", "0.0", "-0.0", "1e-300", "1e-100", "1e-50", "1e-20", "1e-12", "1e-9", "1e-7", "5e-324",
                "0.9999999999999999", "0.999999", "0.5", "0.333333333333333", "1", "0.15"]
VALID_AMOUNTS = ["0", "-0", "1e-300", "1e-100", "1e-50", "1e-12", "1e-9", "0.000001", "0.5", "1", "1e6",
                 "1e9", "1e12", "1e15", "1e20", "1e100", "1e300", "1.7976931348623157e308",
                 "9007199254740993", "123456789012.345", "4.179"]


def m_edge_value(rng, case):
    """Replaces a ratio or an amount with a value the loader should accept, at the numeric edges."""
    text = text_of(case["files"][case["target"]])
    matches = list(KEYED_NUMBER.finditer(text))
    if not matches:
        return m_extreme_number(rng, case)
    ratios = [m for m in matches if m.group(1) in ("ratio", "share", "max", "min")]
    if ratios and rng.random() < 0.5:
        match, new = rng.choice(ratios), rng.choice(VALID_RATIOS)
    else:
        match, new = rng.choice(matches), rng.choice(VALID_AMOUNTS)
    case["files"][case["target"]] = bytes_of(replace_span(text, match.start(3), match.end(3), new))
    return "edge value: %s %s -> %s (line %d)" % (match.group(1), match.group(3), new,
                                                  text.count("\n", 0, match.start()) + 1)


def bomb(rng, levels, width, leaf='"lol"'):
    parts = ["&b0 [%s]" % ", ".join([leaf] * width)]
    for k in range(1, levels):
        parts.append("&b%d [%s]" % (k, ", ".join(["*b%d" % (k - 1)] * width)))
    return "[" + ", ".join(parts) + "]", "*b%d" % (levels - 1)


def m_yaml_alias(rng, case):
    target = case["target"]
    text = text_of(case["files"][target])
    op = rng.choice(["bomb-value", "bomb-top", "bomb-projects", "undefined", "recursive", "anchor-copy",
                     "merge-key", "duplicate-anchor"])
    if op == "bomb-top":
        levels = rng.choice([6, 9, 12])
        definition, last = bomb(rng, levels, rng.choice([9, 10]))
        # Defined under an unknown key at the top, used as the value of a real field below.
        head = "x-lol: %s\n" % definition
        match = pick_match(rng, SCALAR_VALUE, text)
        if match:
            text = replace_span(text, match.start(2), match.end(2), last)
        text = head + text
        desc = "alias bomb (%d levels) defined at the top, used as a value" % levels
    elif op in ("bomb-value", "bomb-projects"):
        levels, width = rng.choice([(6, 10), (9, 10), (12, 8), (30, 2)])
        if op == "bomb-projects":
            definition, last = bomb(rng, levels, width, leaf="{code: DA2, need: 1}")
            pattern = re.compile(r'^(projects|sources|rules|stated|subprojects)(:)[ \t]*$', re.M)
            match = pick_match(rng, pattern, text)
            if match:
                new = " [%s, %s]" % (definition, last)
                text = text[:match.end(2)] + new + text[match.end(2):]
                desc = "alias bomb (%d levels x %d) as %s" % (levels, width, match.group(1))
                case["files"][target] = bytes_of(text)
                return desc
        definition, last = bomb(rng, levels, width)
        match = pick_match(rng, SCALAR_VALUE, text)
        if not match:
            text = text + "\nx-lol: [%s, %s]\n" % (definition, last)
        else:
            text = replace_span(text, match.start(2), match.end(2), "[%s, %s]" % (definition, last))
        desc = "alias bomb (%d levels x %d) as a value" % (levels, width)
    elif op == "undefined":
        match = pick_match(rng, SCALAR_VALUE, text)
        if match:
            text = replace_span(text, match.start(2), match.end(2), "*nowhere")
        desc = "alias to an undefined anchor"
    elif op == "recursive":
        match = pick_match(rng, SCALAR_VALUE, text)
        if match:
            text = replace_span(text, match.start(2), match.end(2), "&self [*self]")
        desc = "self-referencing alias"
    elif op == "anchor-copy":
        matches = list(SCALAR_VALUE.finditer(text))
        if len(matches) >= 2:
            a, b = sorted(rng.sample(matches, 2), key=lambda m: m.start())
            value = a.group(2)
            text = (text[:a.start(2)] + "&v " + value + text[a.end(2):b.start(2)] + "*v" + text[b.end(2):])
        desc = "anchor on one value, alias in another field"
    elif op == "merge-key":
        match = re.search(r'^(\s*- )([A-Za-z]+:)', text, re.M)
        if match:
            text = text[:match.start(1)] + match.group(1) + "&m " + text[match.end(1):]
            later = list(re.finditer(r'^(\s*- )([A-Za-z]+:)', text, re.M))
            if len(later) >= 2:
                pick = rng.choice(later[1:])
                indent = " " * len(pick.group(1))
                text = text[:pick.end(1)] + "<<: *m\n" + indent + text[pick.end(1):]
        desc = "merge key <<: *m"
    else:
        matches = list(SCALAR_VALUE.finditer(text))
        if len(matches) >= 2:
            a, b = sorted(rng.sample(matches, 2), key=lambda m: m.start())
            text = (text[:a.start(2)] + "&d " + a.group(2) + text[a.end(2):b.start(2)] + "&d " + b.group(2)
                    + text[b.end(2):])
        desc = "the same anchor twice"
    case["files"][target] = bytes_of(text)
    return desc


def m_deep_nesting(rng, case):
    text = text_of(case["files"][case["target"]])
    depth = rng.choice([64, 512, 2000, 10000, 50000])
    kind = rng.choice(["flow-list", "flow-map", "block-list", "json"])
    if kind == "flow-list":
        value = "[" * depth + "1" + "]" * depth
    elif kind == "flow-map":
        value = "{a: " * depth + "1" + "}" * depth
    elif kind == "json":
        value = '{"a": ' * depth + "[]" + "}" * depth
    else:
        value = "- " * depth + "x"
    match = pick_match(rng, SCALAR_VALUE, text)
    if match and kind != "block-list":
        text = replace_span(text, match.start(2), match.end(2), value)
    else:
        text = text + "\nx-deep:\n  " + value + "\n" if kind == "block-list" else text + "\nx-deep: " + value + "\n"
    case["files"][case["target"]] = bytes_of(text)
    return "deep nesting: %s depth %d" % (kind, depth)


def block_entries(lines):
    """(start, end) line ranges of the entries of block lists: a `- ` line and its deeper lines."""
    spans = []
    for i, line in enumerate(lines):
        stripped = line.lstrip(b" ")
        if not stripped.startswith(b"- "):
            continue
        indent = len(line) - len(stripped)
        j = i + 1
        while j < len(lines):
            other = lines[j]
            other_stripped = other.lstrip(b" ")
            if other_stripped.strip() and len(other) - len(other_stripped) <= indent:
                break
            j += 1
        spans.append((i, j))
    return spans


def repeat_entry(data, start, end, copies, unique):
    """`data` with lines [start, end) repeated `copies` times after themselves; with `unique`, the first
    id or code of each copy gets a suffix -0, -1, ... (the recipe the huge regressions are kept as)."""
    lines = data.splitlines(keepends=True)
    entry = b"".join(lines[start:end])
    if not entry.endswith(b"\n"):
        entry += b"\n"
    if unique:
        pattern = re.compile(rb'((?:\bid|\bcode)"?[ \t]*:[ \t]*)([A-Za-z0-9_.\-]+)')
        block = b"".join(pattern.sub(lambda m, n=n: m.group(1) + m.group(2) + b"-%d" % n, entry, count=1)
                         for n in range(copies))
    else:
        block = entry * copies
    return b"".join(lines[:end]) + block + b"".join(lines[end:])


def m_huge(rng, case):
    data = case["files"][case["target"]]
    size = rng.choice([200_000, 1_000_000, 3_000_000])
    kind = rng.choice(["repeat-entry", "repeat-entry-unique", "long-string", "long-comment", "long-line",
                       "blank-lines"])
    lines = data.splitlines(keepends=True)
    spans = block_entries(lines)
    if kind.startswith("repeat-entry") and spans:
        start, end = rng.choice(spans)
        entry = b"".join(lines[start:end])
        copies = max(1, size // max(1, len(entry) + (0 if entry.endswith(b"\n") else 1)))
        data = repeat_entry(data, start, end, copies, kind == "repeat-entry-unique")
        case.setdefault("recipes", []).append({"file": case["target"], "lines": [start, end], "copies": copies,
                                               "unique": kind == "repeat-entry-unique"})
        desc = "huge: %s lines %d-%d x%d" % (kind, start + 1, end, copies)
    elif kind == "long-string":
        text = text_of(data)
        match = pick_match(rng, SCALAR_VALUE, text)
        value = '"' + "Đ" * (size // 2) + '"'
        if match:
            text = replace_span(text, match.start(2), match.end(2), value)
        data = bytes_of(text)
        desc = "huge: a %d-byte string value" % size
    elif kind == "long-comment":
        data = (b"# " + b"x" * 78 + b"\n") * (size // 81) + data
        desc = "huge: %d bytes of comments first" % size
    elif kind == "long-line":
        data = data + b"\n# " + b"y" * size
        desc = "huge: a %d-byte last line without newline" % size
    else:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\n" * size + data[at:]
        desc = "huge: %d blank lines at byte %d" % (size, at)
    case["files"][case["target"]] = data
    return desc


def m_encoding(rng, case):
    data = case["files"][case["target"]]
    text = text_of(data)
    kind = rng.choice(["utf16le-bom", "utf16be-bom", "utf16le", "utf32", "utf8-bom", "bom-middle", "latin1",
                       "high-bytes", "nul", "nul-end", "overlong", "surrogate", "cut-multibyte", "crlf", "cr",
                       "tabs", "nbsp-indent", "bidi", "escapes"])
    if kind == "utf16le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le", "replace")
    elif kind == "utf16be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be", "replace")
    elif kind == "utf16le":
        data = text.encode("utf-16-le", "replace")
    elif kind == "utf32":
        data = text.encode("utf-32", "replace")
    elif kind == "utf8-bom":
        data = b"\xef\xbb\xbf" + data
    elif kind == "bom-middle":
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\xef\xbb\xbf" + data[at:]
    elif kind == "latin1":
        data = text.encode("latin-1", "replace")
    elif kind == "high-bytes":
        raw = bytearray(data)
        for _ in range(rng.choice([1, 3, 10])):
            raw.insert(rng.randrange(len(raw) + 1), rng.randrange(0x80, 0x100))
        data = bytes(raw)
    elif kind == "nul":
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\x00" + data[at:]
    elif kind == "nul-end":
        data = data + b"\x00" * rng.choice([1, 100])
    elif kind == "overlong":
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice([b"\xc0\x80", b"\xe0\x80\xaf", b"\xf8\x88\x80\x80\x80"]) + data[at:]
    elif kind == "surrogate":
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\xed\xa0\x80" + data[at:]
    elif kind == "cut-multibyte":
        positions = [m.start() for m in re.finditer(rb"[\xc3-\xef]", data)]
        if positions:
            at = rng.choice(positions)
            data = data[:at + 1] + data[at + 2:]
    elif kind == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif kind == "cr":
        data = data.replace(b"\n", b"\r")
    elif kind == "tabs":
        data = re.sub(rb"(?m)^  ", b"\t", data)
    elif kind == "nbsp-indent":
        data = re.sub(rb"(?m)^  ", b"\xc2\xa0\xc2\xa0", data, count=rng.randint(1, 5))
    elif kind == "bidi":
        at = rng.randrange(len(data) + 1)
        data = data[:at] + "\u202e\u200b\ufeff".encode() + data[at:]
    else:
        data = bytes_of(text.replace("Đ", "\\u0110").replace("ệ", "\\xff", 3))
    case["files"][case["target"]] = data
    return "encoding: " + kind


def plan_of(case):
    return case["plan"]


def set_rule_set_ref(case, value_text, raw=None):
    """Points the plan's `ruleSet:` at `value_text` (quoted) or at raw bytes; adds one if missing."""
    plan = plan_of(case)
    data = case["files"][plan]
    new = raw if raw is not None else bytes_of(yaml_quote(value_text))
    match = RULESET_LINE.search(data)
    if match:
        data = data[:match.start(2)] + new + data[match.end(2):]
    elif plan.endswith(".json"):
        data = data.replace(b"{", b'{"ruleSet": ' + new + b", ", 1)
    else:
        data = b"ruleSet: " + new + b"\n" + data
    case["files"][plan] = data


def m_odd_path(rng, case):
    plan = plan_of(case)
    back = relative_to_root(plan)
    here = os.path.dirname(plan)
    kind = rng.choice(["dir-dot", "dir-parent", "dir-named", "dir-trailing-slash", "missing", "missing-deep",
                       "dev-null", "dev-stdin", "proc", "root", "control-char", "newline", "nul-escape",
                       "nul-raw", "long-component", "long-path", "self", "other-plan", "json-file",
                       "symlink-loop", "symlink-dir", "dangling-symlink", "unicode-nfd", "url", "backslash",
                       "tilde", "empty", "null", "list", "spaces", "latin1-raw"])
    raw = None
    value = None
    if kind == "dir-dot":
        value = "."
    elif kind == "dir-parent":
        value = ".."
    elif kind == "dir-named":
        case["dirs"].append(here + "/rules-dir.yaml")
        value = "rules-dir.yaml"
    elif kind == "dir-trailing-slash":
        value = (case["rules"] and os.path.relpath(case["rules"], here) or "x.yaml") + "/"
    elif kind == "missing":
        value = "no-such-rules.yaml"
    elif kind == "missing-deep":
        value = "../" * 40 + "nowhere/at/all/rules.yaml"
    elif kind == "dev-null":
        value = "/dev/null"
    elif kind == "dev-stdin":
        value = "/dev/stdin"
    elif kind == "proc":
        value = "/proc/self/status"
    elif kind == "root":
        value = "/"
    elif kind == "control-char":
        value = "rules\x01\x1b[31m.yaml"
    elif kind == "newline":
        value = "rules\n.yaml"
    elif kind == "nul-escape":
        # A path cannot hold NUL; with the real file name before it, a loader that stops at the NUL
        # would read the real rule set and accept a path no file system has.
        real = case["rules"] and os.path.relpath(case["rules"], here) or "rules.yaml"
        value = rng.choice([real + "\x00", real + "\x00.txt", "\x00" + real, "rules.yaml\x00" + real])
        case["expect"] = [65]
    elif kind == "nul-raw":
        raw = b"rules\x00.yaml"
        case["expect"] = [65]
    elif kind == "long-component":
        value = "r" * rng.choice([256, 300, 5000]) + ".yaml"
    elif kind == "long-path":
        value = "./" * rng.choice([1000, 3000]) + (case["rules"] and os.path.relpath(case["rules"], here) or "r.yaml")
    elif kind == "self":
        value = os.path.basename(plan)
    elif kind == "other-plan":
        value = back + "/" + rng.choice(sorted(p for p in corpus().files if not is_rule_set(corpus().files[p])))
        case["files"].setdefault(value_path(here, value), corpus().files[value_path(here, value)])
    elif kind == "json-file":
        value = back + "/Tests/CLITests/Fixtures/small-plan.json"
        case["files"].setdefault("Tests/CLITests/Fixtures/small-plan.json",
                                 corpus().files["Tests/CLITests/Fixtures/small-plan.json"])
    elif kind == "symlink-loop":
        case["symlinks"][here + "/loop-a.yaml"] = "loop-b.yaml"
        case["symlinks"][here + "/loop-b.yaml"] = "loop-a.yaml"
        value = "loop-a.yaml"
    elif kind == "symlink-dir":
        case["symlinks"][here + "/link.yaml"] = "."
        value = "link.yaml"
    elif kind == "dangling-symlink":
        case["symlinks"][here + "/dangling.yaml"] = "gone/rules.yaml"
        value = "dangling.yaml"
    elif kind == "unicode-nfd":
        name = "quy-tac-\u0110e\u0302\u0300.yaml"       # NFD on disk, NFC in the plan
        if case["rules"]:
            case["files"][here + "/" + name] = case["files"][case["rules"]]
        value = "quy-tac-\u0110\u1ec1.yaml"
    elif kind == "url":
        value = rng.choice(["file:///etc/hostname", "https://example.invalid/rules.yaml"])
    elif kind == "backslash":
        value = (case["rules"] and os.path.relpath(case["rules"], here) or "x.yaml").replace("/", "\\")
    elif kind == "tilde":
        value = "~/rules.yaml"
    elif kind == "empty":
        value = ""
    elif kind == "null":
        raw = b"null"
    elif kind == "list":
        raw = b"[a.yaml, b.yaml]"
    elif kind == "spaces":
        value = "  " + (case["rules"] and os.path.relpath(case["rules"], here) or "x.yaml") + "  "
    else:
        raw = b'"r\xe8gles.yaml"'
    set_rule_set_ref(case, value, raw)
    shown = value if value is not None else raw.decode("latin-1")
    return "odd ruleSet path (%s): %s" % (kind, (shown[:60] + "...") if len(shown) > 60 else repr(shown))


def value_path(here, value):
    return os.path.normpath(os.path.join(here, value))


MUTATORS = [
    ("byte-flip", m_byte_flip, 12),
    ("truncate", m_truncate, 8),
    ("line-edit", m_line_edit, 14),
    ("wrong-type", m_wrong_type, 14),
    ("extreme-number", m_extreme_number, 12),
    ("edge-value", m_edge_value, 12),
    ("yaml-alias", m_yaml_alias, 7),
    ("deep-nesting", m_deep_nesting, 4),
    ("huge", m_huge, 3),
    ("encoding", m_encoding, 8),
    ("odd-path", m_odd_path, 7),
]


def weighted(rng, items):
    total = sum(w for _, _, w in items)
    pick = rng.uniform(0, total)
    for name, fn, w in items:
        pick -= w
        if pick <= 0:
            return name, fn
    return items[-1][0], items[-1][1]


# --------------------------------------------------------------------------------------------
# Building a case


def build_case(seed, number):
    """The case for (seed, number): files to lay out, the command to run, and what was done."""
    rng = random.Random("cofund-fuzz:%s:%d" % (seed, number))
    c = corpus()
    # Plans that load are where the solver, the re-check and the renderers are reached: weigh them more.
    weights = [1 if "/invalid/" in plan or is_rule_set(c.files[plan]) or c.rule_set_of(plan) != rules else 6
               for plan, rules in c.entries]
    plan, rules = rng.choices(c.entries, weights=weights)[0]
    case = {"files": {plan: c.files[plan]}, "dirs": [], "symlinks": {}, "plan": plan, "rules": rules,
            "mutations": [], "origin": {"seed": seed, "case": number}}
    table = c.area_table_of(plan)
    if table:
        case["files"][table] = c.files[table]
    if rules:
        case["files"][rules] = c.files[rules]
        if c.rule_set_of(plan) != rules:        # an unreferenced rule set: point the plan at it
            set_rule_set_ref(case, os.path.relpath(rules, os.path.dirname(plan)))
            case["mutations"].append("ruleSet -> " + rules)
    count = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
    for _ in range(count):
        name, fn = weighted(rng, MUTATORS)
        if name != "odd-path" and table and rng.random() < 0.2:
            case["target"] = table
        elif name != "odd-path" and rules and rng.random() < 0.35:
            case["target"] = rules
        else:
            case["target"] = plan
        case["mutations"].append("%s: %s" % (case["target"], fn(rng, case)))
    # The plan argument itself is sometimes odd.
    plan_arg = plan
    r = rng.random()
    if r < 0.01:
        plan_arg = os.path.dirname(plan) or "."
        case["mutations"].append("plan argument is a directory")
    elif r < 0.02:
        plan_arg = plan + ".missing"
        case["mutations"].append("plan argument is missing")
    elif r < 0.025:
        plan_arg = "/dev/null"
        case["mutations"].append("plan argument is /dev/null")
    case["args"], case["outputs"] = build_command(rng, plan_arg)
    case.setdefault("expect", None)
    case.pop("target", None)
    return case


def build_command(rng, plan_arg):
    outputs = []
    r = rng.random()
    if 0.6 <= r < 0.8:
        # check, sometimes with a repair; the repaired plan (--write) exists only when a repair does,
        # so it is not an expected output, but whatever is left must be whole (see run_case).
        args = ["check", plan_arg, "--format", rng.choice(["text", "json", "csv", "markdown"]),
                "--lang", rng.choice(["vi", "en"])]
        if rng.random() < 0.4:
            args.append(rng.choice(["--fix", "--whole"]))
            if rng.random() < 0.3:
                args.append(rng.choice(["--keep-central", "--central-last"]))
            if rng.random() < 0.5:
                args += ["--write", "repaired.yaml"]
        return args, outputs
    if r < 0.6 or rng.random() < 0.375:
        args = ["solve", plan_arg, "--format", rng.choice(["text", "json", "csv", "markdown"]),
                "--lang", rng.choice(["vi", "en"])]
        if rng.random() < 0.4:
            r = rng.random()
            if r < 0.85:
                out = "report.out"
            elif r < 0.9:
                out = "no-such-dir/report.out"
            elif r < 0.95:
                out = "o" * 300 + ".out"
            else:
                out = "rep\nort\x01.out"
            args += ["--output", out]
            outputs.append(out)
        if rng.random() < 0.03:
            args.append("--exact")
        if rng.random() < 0.03:
            args.append("--verbose")
    else:
        args = ["export", plan_arg]
        which = rng.choice(["both", "lp", "mps"])
        if which in ("both", "lp"):
            args += ["--lp", "plan.lp"]
            outputs.append("plan.lp")
        if which in ("both", "mps"):
            args += ["--mps", "plan.mps"]
            outputs.append("plan.mps")
    return args, outputs


def case_from_regression(folder):
    """A case from a folder of Fuzz/regressions: manifest.json and the files under files/."""
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    files = {}
    root = os.path.join(folder, "files")
    for dirpath, _, names in os.walk(root):
        for name in names:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            with open(full, "rb") as handle:
                data = handle.read()
            if rel.endswith(".gz") and rel[:-3] in manifest.get("gzipped", []):
                rel, data = rel[:-3], gzip.decompress(data)
            files[rel] = data
    for recipe in manifest.get("generate", []):
        start, end = recipe["lines"]
        files[recipe["file"]] = repeat_entry(files[recipe["file"]], start, end, recipe["copies"], recipe["unique"])
    return {"files": files, "dirs": manifest.get("dirs", []), "symlinks": manifest.get("symlinks", {}),
            "args": manifest["args"], "outputs": manifest.get("outputs", []),
            "mutations": manifest.get("mutations", []), "origin": {"regression": os.path.basename(folder)},
            "plan": manifest.get("plan"), "rules": manifest.get("rules"), "expect": manifest.get("expect")}


# --------------------------------------------------------------------------------------------
# Running a case and judging it


def lay_out(case, root):
    for rel, data in case["files"].items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
    for rel in case["dirs"]:
        os.makedirs(os.path.join(root, rel), exist_ok=True)
    for rel, target in case["symlinks"].items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not os.path.lexists(path):
            os.symlink(target, path)


def snapshot(root):
    """Every path under root (relative) with a digest of its content (files) or its kind."""
    seen = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if os.path.islink(full):
                seen[rel] = "link:" + os.readlink(full)
            elif os.path.isdir(full):
                seen[rel] = "dir"
            else:
                try:
                    with open(full, "rb") as handle:
                        seen[rel] = hashlib.sha256(handle.read()).hexdigest()
                except OSError as error:
                    seen[rel] = "unreadable:%s" % error.errno
    return seen


def limit_child():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def completeness_problem(kind, data):
    """Why `data` (a report or exported file) is not whole, or None."""
    if not data:
        return "empty"
    if kind == "json":
        try:
            value = json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            return "JSON does not parse: %s" % error
        if not isinstance(value, dict) or "status" not in value:
            return "JSON report without a status"
        return None
    if kind == "lp":
        return None if data.rstrip().endswith(b"End") else "LP file does not end with End"
    if kind == "mps":
        return None if data.rstrip().endswith(b"ENDATA") else "MPS file does not end with ENDATA"
    if not data.endswith(b"\n"):
        return "%s report does not end with a newline" % kind
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "%s report is not UTF-8" % kind
    return None


def output_kind(args, output):
    if output.endswith(".lp") and "export" in args[:1]:
        return "lp"
    if output.endswith(".mps") and "export" in args[:1]:
        return "mps"
    return args[args.index("--format") + 1] if "--format" in args else "text"


def run_case(case, cofund, timeout, base, keep=False):
    root = tempfile.mkdtemp(prefix="case-", dir=base)
    try:
        lay_out(case, root)
        before = snapshot(root)
        env = dict(os.environ)
        env["TMPDIR"] = root                      # temporary files cofund makes land in the case dir
        env.setdefault("LANG", "C.UTF-8")
        started = time.monotonic()
        hung = False
        try:
            process = subprocess.Popen([cofund] + case["args"], cwd=root, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                       start_new_session=True, preexec_fn=limit_child)
        except OSError as error:
            return {"failures": [("harness", "cannot start %s: %s" % (cofund, error))], "rc": None,
                    "seconds": 0.0, "stderr": "", "root": root}
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            hung = True
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            stdout, stderr = process.communicate()
        seconds = time.monotonic() - started
        rc = process.returncode
        failures = judge(case, rc, hung, stdout[:MAX_CAPTURE], stderr[:MAX_CAPTURE], root, before, timeout)
        return {"failures": failures, "rc": rc, "hung": hung, "seconds": seconds,
                "stderr": stderr[:2000].decode("utf-8", "replace"), "root": root if keep else None}
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def judge(case, rc, hung, stdout, stderr, root, before, timeout):
    failures = []
    message = stderr.strip()
    if hung:
        failures.append(("hang", "no exit within %g s (killed)" % timeout))
    elif rc < 0:
        name = signal.Signals(-rc).name if -rc in signal.Signals._value2member_map_ else str(-rc)
        failures.append(("signal", "killed by %s" % name))
    elif rc == 70:
        failures.append(("internal-error", "exit 70"))
    elif rc not in DOCUMENTED:
        failures.append(("undocumented-exit", "exit %d" % rc))
    if not hung and rc is not None and rc >= 0 and case.get("expect") and rc not in case["expect"] \
            and not failures:
        failures.append(("accepted-bad-input", "exit %d where only %s is right" % (rc, case["expect"])))
    if not hung and rc is not None and rc >= 0:
        control = re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", stderr)
        if control:
            failures.append(("raw-control-in-message", "stderr holds the raw byte %r (escape it)" % control.group()))
        if re.search(rb"Fatal error|Stack dump|Segmentation fault|Illegal instruction|glp_[a-z_]+: |Assertion", stderr):
            failures.append(("crash-message", "stderr reads like a crash"))
        report_written = False
        if case["args"][0] in ("solve", "check") and not case["outputs"] and rc in REPORTED:
            problem = completeness_problem(output_kind(case["args"], ""), stdout)
            if problem:
                failures.append(("incomplete-output", "stdout: " + problem))
            report_written = bool(stdout.strip())
        after = snapshot(root)
        for out in case["outputs"]:
            existed = out in before
            path = os.path.join(root, out)
            if rc in REPORTED and not (case["args"][0] == "export" and rc == 2):
                if not os.path.isfile(path):
                    failures.append(("incomplete-output", "exit %d but no file %r" % (rc, out)))
                    continue
                with open(path, "rb") as handle:
                    problem = completeness_problem(output_kind(case["args"], out), handle.read())
                if problem:
                    failures.append(("incomplete-output", "%r: %s" % (out, problem)))
                report_written = True
            elif rc in (64, 65, 73) or rc == 2:
                if not existed and os.path.lexists(path):
                    failures.append(("output-on-error", "exit %d left %r" % (rc, out)))
                elif existed and after.get(out) != before.get(out):
                    failures.append(("output-on-error", "exit %d changed %r" % (rc, out)))
        allowed = set(case["outputs"]) if rc in REPORTED else set()
        if case["args"][0] == "check" and "--write" in case["args"] and rc in REPORTED:
            allowed.add(case["args"][case["args"].index("--write") + 1])  # written only when a repair exists
        extra = sorted(p for p in after if p not in before and p not in allowed)
        if extra:
            failures.append(("leftover-file", "left %s" % ", ".join(repr(p) for p in extra[:5])))
        changed = sorted(p for p in before if p in after and after[p] != before[p] and p not in allowed)
        gone = sorted(p for p in before if p not in after)
        if changed or gone:
            failures.append(("input-changed", "changed %s removed %s" % (changed[:5], gone[:5])))
        # Exit 1-4 carry their message in the report (a diagnosis, the missing inputs, the findings); the others on stderr.
        if rc != 0 and not message and not (rc in (1, 2, 3, 4) and report_written):
            failures.append(("silent-failure", "exit %d with nothing on stderr" % rc))
    return failures


# --------------------------------------------------------------------------------------------
# Saving failures


def signature(failures, stderr):
    kinds = "+".join(sorted({kind for kind, _ in failures}))
    first = stderr.strip().splitlines()[0] if stderr.strip() else ""
    first = re.sub(r"[^:]*\.(yaml|json|lp|mps|out)(:\d+)*", "FILE", first)
    first = re.sub(r"\d+(\.\d+)?(e[-+]?\d+)?", "N", first)
    first = re.sub(r"'[^']*'", "'X'", first)
    return kinds + " | " + first[:120]


def save_case(case, result, folder, reproduce):
    os.makedirs(folder, exist_ok=True)
    files_root = os.path.join(folder, "files")
    gzipped = []
    for rel, data in case["files"].items():
        path = os.path.join(files_root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if len(data) > 100_000:
            gzipped.append(rel)
            path += ".gz"
            data = gzip.compress(data, 9, mtime=0)
        with open(path, "wb") as handle:
            handle.write(data)
    manifest = {
        "args": case["args"],
        "outputs": case["outputs"],
        "plan": case.get("plan"),
        "rules": case.get("rules"),
        "dirs": case["dirs"],
        "symlinks": case["symlinks"],
        "gzipped": gzipped,
        "expect": case.get("expect"),
        "mutations": case["mutations"],
        "origin": case["origin"],
        "failures": [{"kind": k, "detail": d} for k, d in result["failures"]],
        "observed": {"exit": result["rc"], "hung": result.get("hung", False),
                     "seconds": round(result["seconds"], 2), "stderr": result["stderr"][:600]},
        "reproduce": reproduce,
    }
    with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


# --------------------------------------------------------------------------------------------
# The driver


def work(job):
    """Runs in a worker process: builds (or loads) one case, runs it, and judges it."""
    kind, key, options = job
    if kind == "case":
        case = build_case(options["seed"], key)
        label = "seed %s case %d" % (options["seed"], key)
    else:
        case = case_from_regression(key)
        label = "regression %s" % os.path.basename(key)
    result = run_case(case, options["cofund"], options["timeout"], options["base"], options.get("keep", False))
    result["label"] = label
    result["mutations"] = case["mutations"]
    result["args"] = case["args"]
    if result["failures"] and options.get("findings") and kind == "case":
        folder = os.path.join(options["findings"], "seed%s-case%d" % (options["seed"], key))
        reproduce = "python3 Fuzz/fuzz.py --seed %s --case %d" % (options["seed"], key)
        save_case(case, result, folder, reproduce)
        result["saved"] = folder
        result["signature"] = signature(result["failures"], result["stderr"])
        with open(os.path.join(folder, "signature.txt"), "w") as handle:
            handle.write(result["signature"] + "\n")
    return key, result


def describe(result):
    failures = "; ".join("%s (%s)" % (k, d) for k, d in result["failures"])
    lines = ["FAIL %s: %s" % (result["label"], failures),
             "  cofund %s" % " ".join(arg if len(arg) < 80 else arg[:77] + "..." for arg in map(repr, result["args"])),
             "  mutations: %s" % " | ".join(result["mutations"])]
    if result["stderr"].strip():
        lines.append("  stderr: %s" % result["stderr"].strip().splitlines()[0][:200])
    if result.get("saved"):
        lines.append("  saved in %s" % result["saved"])
    if result.get("root"):
        lines.append("  case directory kept: %s" % result["root"])
    return "\n".join(lines)


def mutation_class(text):
    """A mutation's description without its positions: 'huge: repeat-entry-unique small-rules.yaml'."""
    path, _, what = text.partition(": ")
    what = re.sub(r"\(line \d+\)|\b(lines?|at byte|at line|at|x)\s*[\d,\-]+( of \d+)?", "", what)
    what = re.sub(r"\b\d{3,}\b", "N", what)
    return os.path.basename(path) + " " + " ".join(what.split())


def promote(findings, limit):
    """Copies one representative (the smallest) of each failure signature into Fuzz/regressions.
    A case whose only mutation is a repeated list entry is kept as a recipe: the unmutated file plus
    `generate` in the manifest, so that megabytes of input cost a few kilobytes."""
    groups = {}
    for name in sorted(os.listdir(findings)):
        folder = os.path.join(findings, name)
        sig_path = os.path.join(folder, "signature.txt")
        if not os.path.isfile(sig_path):
            continue
        with open(sig_path) as handle:
            sig = handle.read().strip()
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
        if any(f["kind"] in ("hang", "signal", "accepted-bad-input") for f in manifest["failures"]):
            sig += " | " + " + ".join(mutation_class(m) for m in manifest["mutations"])
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)
        groups.setdefault(sig, []).append((size, name, folder))
    existing = set(os.listdir(REGRESSIONS)) if os.path.isdir(REGRESSIONS) else set()
    added = 0
    for sig in sorted(groups):
        size, name, folder = min(groups[sig])
        if name in existing or added >= limit:
            continue
        destination = os.path.join(REGRESSIONS, name)
        shutil.copytree(folder, destination)
        recipe = huge_recipe(destination)
        if recipe:
            size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(destination) for f in fs)
        if size > 100_000:
            shutil.rmtree(destination)
            print("skipped %s: %d bytes even as a recipe" % (name, size))
            continue
        print("kept %s (%d bytes): %s (%d like it)" % (name, size, sig, len(groups[sig])))
        added += 1
    print("promoted %d of %d signatures" % (added, len(groups)))


def huge_recipe(folder):
    """Turns a kept case made by one repeat-entry mutation into the unmutated file plus a recipe."""
    path = os.path.join(folder, "manifest.json")
    with open(path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    mutations = [m for m in manifest["mutations"] if not m.startswith("ruleSet -> ")]
    match = re.match(r"(.+?): huge: repeat-entry(-unique)? lines (\d+)-(\d+) x(\d+)$", mutations[0]) \
        if len(mutations) == 1 else None
    if not match:
        return None
    target = match.group(1)
    original = corpus().files[target]
    for extra in (target, target + ".gz"):
        full = os.path.join(folder, "files", extra)
        if os.path.exists(full):
            os.remove(full)
    with open(os.path.join(folder, "files", target), "wb") as handle:
        handle.write(original)
    manifest["gzipped"] = [g for g in manifest["gzipped"] if g != target]
    manifest["generate"] = [{"file": target, "lines": [int(match.group(3)) - 1, int(match.group(4))],
                             "copies": int(match.group(5)), "unique": bool(match.group(2))}]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return manifest["generate"]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Seeded mutation fuzzer for the cofund command line.")
    parser.add_argument("--cases", type=int, default=1000, help="number of cases (default 1000)")
    parser.add_argument("--seed", default="1", help="seed; case content depends only on seed and case number")
    parser.add_argument("--case", type=int, help="replay this one case (keeps its directory)")
    parser.add_argument("--first", type=int, default=0, help="number of the first case (default 0)")
    parser.add_argument("--time-budget", type=float, help="stop starting cases after this many seconds")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per case before it counts as a hang")
    parser.add_argument("--jobs", type=int, default=1, help="parallel workers")
    parser.add_argument("--cofund", default=os.path.join(REPO, ".build", "debug", "cofund"),
                        help="the cofund binary (default .build/debug/cofund)")
    parser.add_argument("--regressions", action="store_true", help="run Fuzz/regressions/* first")
    parser.add_argument("--save-failures", metavar="DIR", help="where failing cases are copied (default a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep every case directory")
    parser.add_argument("--show", action="store_true", help="print each case's mutations and command")
    parser.add_argument("--progress-every", type=int, default=500, help="progress line every N cases")
    parser.add_argument("--promote", metavar="FINDINGS", help="copy one case per failure kind into Fuzz/regressions and stop")
    parser.add_argument("--promote-limit", type=int, default=30)
    options = parser.parse_args(argv)

    if options.promote:
        promote(options.promote, options.promote_limit)
        return 0
    cofund = os.path.abspath(options.cofund)
    if not os.access(cofund, os.X_OK):
        print("fuzz: no cofund binary at %s (run `swift build --product cofund`)" % cofund, file=sys.stderr)
        print("fuzz: 0 passed, 1 failed")
        return 2
    base = tempfile.mkdtemp(prefix="cofund-fuzz-")
    findings = options.save_failures or tempfile.mkdtemp(prefix="cofund-fuzz-findings-")
    os.makedirs(findings, exist_ok=True)
    shared = {"seed": options.seed, "cofund": cofund, "timeout": options.timeout, "base": base,
              "findings": findings, "keep": options.keep or options.case is not None}

    jobs = []
    if options.regressions and os.path.isdir(REGRESSIONS):
        for name in sorted(os.listdir(REGRESSIONS)):
            if os.path.isfile(os.path.join(REGRESSIONS, name, "manifest.json")):
                jobs.append(("regression", os.path.join(REGRESSIONS, name), shared))
    if options.case is not None:
        jobs.append(("case", options.case, shared))
    else:
        jobs.extend(("case", n, shared) for n in range(options.first, options.first + options.cases))

    started = time.monotonic()
    passed = failed = 0
    by_kind, by_exit, seconds = {}, {}, []
    slowest = (0.0, "")
    stopped_early = False
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            pending = set()
            queue = iter(jobs)
            done_count = 0
            while True:
                while len(pending) < 2 * max(1, options.jobs):
                    if options.time_budget and time.monotonic() - started > options.time_budget:
                        stopped_early = True
                        break
                    job = next(queue, None)
                    if job is None:
                        break
                    pending.add(pool.submit(work, job))
                if not pending:
                    break
                done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    _, result = future.result()
                    done_count += 1
                    seconds.append(result["seconds"])
                    if result["seconds"] > slowest[0]:
                        slowest = (result["seconds"], result["label"])
                    code = "hang" if result.get("hung") else str(result["rc"])
                    by_exit[code] = by_exit.get(code, 0) + 1
                    if options.show or options.case is not None:
                        print("%s: exit %s in %.2f s\n  cofund %s\n  mutations: %s" % (
                            result["label"], code, result["seconds"], " ".join(map(repr, result["args"])),
                            " | ".join(result["mutations"])), file=sys.stderr)
                        if result.get("root"):
                            print("  case directory: %s" % result["root"], file=sys.stderr)
                    if result["failures"]:
                        failed += 1
                        for kind, _ in result["failures"]:
                            by_kind[kind] = by_kind.get(kind, 0) + 1
                        print(describe(result), file=sys.stderr)
                    else:
                        passed += 1
                    if options.progress_every and done_count % options.progress_every == 0:
                        elapsed = time.monotonic() - started
                        print("fuzz: %d/%d cases, %d failed, %.0f s" % (done_count, len(jobs), failed, elapsed),
                              file=sys.stderr)
    finally:
        if not shared["keep"]:
            shutil.rmtree(base, ignore_errors=True)

    elapsed = time.monotonic() - started
    total = passed + failed
    print("fuzz: summary: %d cases in %.1f s (%.1f s per 1000 with %d jobs), seed %s" % (
        total, elapsed, 1000 * elapsed / max(1, total), max(1, options.jobs), options.seed), file=sys.stderr)
    print("fuzz: exit codes: %s" % ", ".join("%s: %d" % kv for kv in sorted(by_exit.items())), file=sys.stderr)
    if seconds:
        print("fuzz: slowest case %.2f s (%s)" % slowest, file=sys.stderr)
    if by_kind:
        print("fuzz: failures by kind: %s" % ", ".join("%s: %d" % kv for kv in sorted(by_kind.items())),
              file=sys.stderr)
        print("fuzz: failing inputs saved in %s" % findings, file=sys.stderr)
    elif not options.save_failures:
        shutil.rmtree(findings, ignore_errors=True)
    if stopped_early:
        print("fuzz: time budget of %g s reached; %d of %d cases run" % (options.time_budget, total, len(jobs)),
              file=sys.stderr)
    print("fuzz: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
