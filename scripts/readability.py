"""Plain-language check for Spanish pages: Szigriszt-Pazos (Perspicuity) index via textstat.

65 or more reads as "normal" to "fairly easy" Spanish on the INFLESZ scale; the portal's
Spanish pages must stay at or above it (issue #3). Only the prose is scored: front matter,
code, link addresses, HTML tags, tables and list markers are removed first.
"""

from __future__ import annotations

import re
from pathlib import Path

import textstat

MINIMUM_SCORE = 65.0

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCED = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRS = re.compile(r"\{[:.#][^}]*\}")
_TAG = re.compile(r"<[^>]+>")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
_MARKUP = re.compile(r"^\s*(#{1,6}|[-*+]|\d+\.|>|!!!|\?\?\?\+?|:)\s*", re.MULTILINE)


def prose(markdown: str) -> str:
    text = _FRONT_MATTER.sub("", markdown)
    text = _FENCED.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _ATTRS.sub("", text)
    text = _TAG.sub(" ", text)
    text = _TABLE_RULE.sub("", text)
    text = text.replace("|", ". ")
    text = _MARKUP.sub("", text)
    text = re.sub(r"[*_`]", "", text)
    # A heading or list item without final punctuation is still a sentence for the reader.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:;" else line + "." for line in lines)


def szigriszt_pazos(markdown: str) -> float:
    textstat.set_lang("es")
    return float(textstat.szigriszt_pazos(prose(markdown)))


def score_file(path: Path) -> float:
    return szigriszt_pazos(path.read_text(encoding="utf-8"))
