"""Reading ease of a rendered page: the Flesch-Douma score (textstat, Dutch) over the text a visitor sees.

``visible_text(html)`` takes the text inside ``<main>``: no scripts, styles, navigation, icons, hidden elements or
screen-reader-only text. Every block (paragraph, heading, list item, table cell, FAQ question, ...) becomes its own
sentence: a block that does not end in ``.``, ``!`` or ``?`` gets a full stop, because textstat only splits sentences
on those marks. A term and its description (``<dt>``/``<dd>``) are read as one sentence, "Duur: maximaal 2 jaar.", the
way a visitor reads a row of a fact list.

``reading_ease(text)`` is textstat's ``flesch_reading_ease`` with the Dutch constants (Flesch-Douma:
206.835 - 0.93 x words per sentence - 77 x syllables per word). ``hardest_sentences(text)`` lists the sentences that
pull the score down most (the score rises most without them), split the same way textstat splits them.
"""

import re

import textstat
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

LANG = "nl"

SKIPPED_TAGS = {"script", "style", "nav", "svg", "template", "noscript", "head", "iframe", "select", "option"}
BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "label",
    "button",
}
# Inline elements that static/css/site.css shows apart: as blocks (display: block), as buttons, or as tags (items of
# a flex row), so a reader sees each as a unit of its own.
BLOCK_CLASSES = {
    "facts__note",
    "institutions__programme",
    "institutions__contact",
    "read-more__description",
    "field__hint",
    "helptext",
    "question__hint",
    "event-card__day",
    "button",
    "tag",
}
HIDDEN_CLASSES = {"visually-hidden"}
SENTENCE_END = ".!?"
# textstat's own sentence split (textstat.backend.counts.count_sentences).
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _is_hidden(tag):
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if HIDDEN_CLASSES & set(tag.get("class") or []):
        return True
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_block(tag):
    return tag.name in BLOCK_TAGS or bool(BLOCK_CLASSES & set(tag.get("class") or []))


class _Reader:
    def __init__(self):
        self.blocks = []
        self.buffer = []

    def flush(self):
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if not re.search(r"\w", text):
            return
        if text[-1] not in SENTENCE_END:
            text = text.rstrip(":;,") + "."
        self.blocks.append(text)

    def walk(self, node):
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED_TAGS or _is_hidden(child):
                continue
            if child.name == "br":
                self.flush()
            elif child.name == "dt":
                # The term leads into its description: "Duur: maximaal 2 jaar."
                self.flush()
                self.walk(child)
                self.buffer = [" ".join("".join(self.buffer).split()).rstrip(":") + ": "]
            elif _is_block(child):
                if child.name != "dd":
                    self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def visible_text(html):
    """The text a visitor sees inside <main>, one block per line, each block ending a sentence."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.body or soup
    reader = _Reader()
    reader.walk(main)
    reader.flush()
    return "\n".join(reader.blocks)


def reading_ease(text):
    """Flesch-Douma reading ease (higher is easier; 60+ is plain language)."""
    textstat.set_lang(LANG)
    return textstat.flesch_reading_ease(text)


def sentences(text):
    """The sentences of the text as textstat counts them (sentences of two words or fewer are not counted)."""
    found = (" ".join(match.split()) for match in SENTENCE.findall(text))
    return [sentence for sentence in found if len(sentence.split()) > 2]


def hardest_sentences(text, n=3):
    """The n sentences that pull the score of the text down most, as (their own score, sentence).

    A sentence pulls the score down by as much as the score of the text would rise without it: a long sentence of long
    words costs more than a short heading with one long word.
    """
    found = sentences(text)
    whole = " ".join(found)

    def rise_without(index):
        return reading_ease(" ".join(found[:index] + found[index + 1 :])) - reading_ease(whole)

    ranked = sorted(range(len(found)), key=rise_without, reverse=True)
    hardest = []
    for index in ranked:
        if found[index] not in (sentence for _, sentence in hardest):
            hardest.append((reading_ease(found[index]), found[index]))
        if len(hardest) == n:
            break
    return hardest
