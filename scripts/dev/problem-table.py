#!/usr/bin/env python3
"""Prints the processor's diagnostics catalogue (Problem.java) as a markdown table, for docs/processor.md."""
import pathlib, re

source = pathlib.Path(__file__).resolve().parents[2] / \
    "whizbang-processor/src/main/java/io/whizbang/processor/diagnostics/Problem.java"
text = source.read_text()
body = text[text.index("public enum Problem {"):text.index("private final String code;")]
print("| Code | Severity | Message | Fix |")
print("|---|---|---|---|")
for match in re.finditer(r'\n  [A-Z_]+\((\d+),\s*(ERROR|WARNING),\s*(.*?)\)[,;]?(?=\n)', body, re.S):
    code, severity, rest = match.groups()
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', rest)
    # The first string literal is the message; every later one is part of the fix (concatenated with +).
    message, fix = parts[0], "".join(parts[1:])
    clean = lambda s: s.replace('\\"', '"').replace('%s', '…').replace('%d', '…').replace('|', '\\|')
    print(f"| WB{code} | {severity.lower()} | {clean(message)} | {clean(fix)} |")
