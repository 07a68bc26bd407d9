#!/usr/bin/env python3
"""prose_scan.py: lists the string literals of C files that read as prose a user would see:
any CJK character, or three words in a row (letters, with spaces between).  Comments, #include
lines and format-only strings are skipped.  Usage: prose_scan.py FILE... ; prints FILE:LINE: TEXT.
"""
import re, sys

WORDS = re.compile(r"[A-Za-z][a-z']+ [a-z][a-z']* [a-z][a-z']+")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")

def literals(src):
    """Yields (line, text) of each string literal outside comments."""
    i, n, line = 0, len(src), 1
    while i < n:
        c = src[i]
        if c == '\n':
            line += 1; i += 1
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2); j = n if j < 0 else j + 2
            line += src.count('\n', i, j); i = j
        elif src.startswith('//', i):
            j = src.find('\n', i); i = n if j < 0 else j
        elif c == "'":
            j = i + 1
            while j < n and src[j] != "'":
                j += 2 if src[j] == '\\' else 1
            i = j + 1
        elif c == '"':
            j, start = i + 1, line
            while j < n and src[j] != '"':
                j += 2 if src[j] == '\\' else 1
            text = src[i + 1:j]
            yield start, text
            line += text.count('\n'); i = j + 1
        elif c == '#' and (i == 0 or src[i - 1] == '\n'):
            j = src.find('\n', i); i = n if j < 0 else j
        else:
            i += 1

def main(paths):
    for p in paths:
        src = open(p, encoding='utf-8').read()
        for line, text in literals(src):
            if CJK.search(text) or WORDS.search(text):
                print(f"{p}:{line}: {text[:100]}")

if __name__ == '__main__':
    main(sys.argv[1:])
