"""The finder's Dutch sentences go through gettext (with named placeholders) or live in templates: no f-string and no
bare string literal in the finder's code builds a sentence a visitor reads.

The scan reads the source's syntax tree, so a comment or a docstring never counts, and a string of punctuation or a
URL's "?" does not either.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FINDER_SOURCES = sorted((ROOT / "routes" / "finder").glob("*.py")) + [
    ROOT / "routes" / "finder_views.py",
    ROOT / "routes" / "forms.py",
    ROOT / "routes" / "entry_levels.py",
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
LETTER = re.compile(r"[^\W\d_]")
# Two words and a space: a sentence or part of one ("leidt tot"), not a key ("accepts_mbo4"), a value ("mbo2-3") or a
# template's name ("routes/finder/step.html").
WORDS = re.compile(r"[^\W\d_]+,?\s+[^\W\d_]+")


def source_ids(paths):
    return [str(path.relative_to(ROOT)) for path in paths]


def tree_of(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def dutch_f_strings(tree):
    """Lines of f-strings with letters outside their placeholders."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and any(isinstance(part, ast.Constant) and LETTER.search(str(part.value)) for part in node.values)
    ]


def docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def translated(tree):
    """The string constants handed to gettext (directly, as in ``_("...")``)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT_NAMES:
            for argument in node.args:
                for inner in ast.walk(argument):
                    found.add(id(inner))
    return found


def bare_sentences(tree):
    """(line, text) of string literals that read as words but reach no gettext call and are no docstring."""
    skip = docstrings(tree) | translated(tree)
    in_f_strings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip | in_f_strings
        and WORDS.search(node.value)
    ]


@pytest.mark.parametrize("path", FINDER_SOURCES, ids=source_ids(FINDER_SOURCES))
def test_no_f_string_builds_dutch(path):
    lines = dutch_f_strings(tree_of(path))
    assert not lines, f"{path.name}: f-strings with words on lines {lines}; use gettext with named placeholders"


@pytest.mark.parametrize("path", FINDER_SOURCES, ids=source_ids(FINDER_SOURCES))
def test_every_sentence_goes_through_gettext(path):
    found = bare_sentences(tree_of(path))
    assert not found, f"{path.name}: sentences outside gettext: {found}"


def test_the_scan_catches_what_it_is_for():
    """The rules themselves: a Dutch f-string and a bare sentence are caught; placeholders-only f-strings, keys,
    docstrings and gettext messages are not."""
    caught = ast.parse('x = f"Vraag {n} van {m}"\ny = "Deze route past."\n')
    assert dutch_f_strings(caught) == [1]
    assert bare_sentences(caught) == [(2, "Deze route past.")]
    fine = ast.parse(
        '"""A docstring of words."""\n'
        'url = f"{page}?{query}"\n'
        'key = "accepts_mbo4"\n'
        'template = "routes/finder/step.html"\n'
        'text = _("Vraag %(number)s van %(total)s") % {"number": 1, "total": 5}\n'
        'joined = " ".join(parts)\n'
    )
    assert dutch_f_strings(fine) == []
    assert bare_sentences(fine) == []
