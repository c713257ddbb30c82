"""JupyterLab's stylesheet cut to the rules the notebook pages can use.

mkdocs-jupyter hands every notebook page the whole of JupyterLab's CSS (about 0.6 MB: the
file browser, dialogs, menus, Blueprint's buttons, widgets…), and a notebook page must load
it before it can draw anything: on a phone that is most of the page's first screen's wait. A
page rendered from a notebook uses a few dozen of its classes. :func:`used_rules` keeps a
rule when one of its selectors can match: every class, id, element and attribute name the
selector requires occurs in the pages' HTML (what :func:`page_words` collects). The test is
generous on purpose, as PurgeCSS's is: a name anywhere in a page (a word of its text, a class
a script sets) keeps the rule, pseudo-classes and the insides of ``:not()``, ``:is()``,
``:where()`` and ``:has()`` never drop one (only ``:root`` after a combinator, which nothing
can match, does), and at-rules other than ``@media`` and
``@supports`` (fonts, keyframes) are kept whole. What a browser would skip as invalid (a rule
that never closes) goes.

>>> css = ".jp-Cell { margin: 0 } .jp-Dialog { z-index: 9 } @media print { .jp-Cell p { x: 1 } }"
>>> print(used_rules(css, page_words('<div class="jp-Cell"><p>hi</p></div>')))
.jp-Cell { margin: 0 }
@media print{.jp-Cell p { x: 1 }}
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import tinycss2
from tinycss2 import ast

__all__ = ["can_match", "page_words", "required_names", "used_rules"]

_WORD = re.compile(r"[A-Za-z_][\w-]*")
#: At-rules whose block holds rules: cut inside, dropped when nothing is left.
_GROUPING = {"media", "supports"}


def page_words(html: str) -> set[str]:
    """Every name-like word of ``html``: tags, attributes, classes, ids, text, scripts.

    >>> sorted(page_words('<p class="a b-c" id="x">Hi</p>'))
    ['Hi', 'a', 'b-c', 'class', 'id', 'p', 'x']
    """
    return set(_WORD.findall(html))


def _split_selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A rule's prelude split at its top-level commas."""
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_names(selector: list[ast.Node]) -> set[str]:
    """The class, id, element and attribute names ``selector`` cannot match without.

    >>> names = lambda s: sorted(required_names(tinycss2.parse_component_value_list(s)))
    >>> names("div.jp-Cell > #out [data-x='1']:not(.hidden)::before")
    ['data-x', 'div', 'jp-Cell', 'out']
    >>> names(":root"), names("*")
    ([], [])
    """
    names: set[str] = set()
    previous: ast.Node | None = None
    for token in selector:
        if token.type == "ident":
            after = previous.value if previous is not None and previous.type == "literal" else None
            if after != ":":  # a class (after "."), an element; not a pseudo-class or -element
                names.add(token.value)
        elif token.type == "hash":
            names.add(token.value)
        elif token.type == "[] block":
            first = next((t for t in token.content if t.type == "ident"), None)
            if first is not None:
                names.add(first.value)
        previous = token
    return names


def can_match(selector: list[ast.Node]) -> bool:
    """False for a selector no document can match: ``:root`` after a combinator (the root
    element is no one's descendant or sibling; JupyterLab's stylesheet, scoped by prefixing
    ``.jupyter-wrapper``, has 80 KB of such rules).

    >>> can = lambda s: can_match(tinycss2.parse_component_value_list(s))
    >>> can(":root"), can("html:root .x"), can(".jupyter-wrapper :root"), can("a > :root")
    (True, True, False, False)
    """
    seen_compound = combinator = False
    previous: ast.Node | None = None
    for token in selector:
        if token.type == "whitespace" or (token.type == "literal" and token.value in ">+~"):
            combinator = seen_compound
        else:
            is_root = (
                token.type == "ident"
                and token.lower_value == "root"
                and previous is not None
                and previous.type == "literal"
                and previous.value == ":"
            )
            if is_root and combinator:
                return False
            seen_compound = True
        previous = token
    return True


def _usable(names: set[str], words: set[str]) -> bool:
    return all(name in words or name.lower() in words for name in names)


def _cut(rules: list[ast.Node], words: set[str]) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                s
                for s in _split_selectors(rule.prelude)
                if can_match(s) and _usable(required_names(s), words)
            ]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                kept.append(f"{prelude} {{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule":
            if rule.lower_at_keyword in _GROUPING and rule.content is not None:
                inner = tinycss2.parse_blocks_contents(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                body = _cut(inner, words)
                if body:
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    kept.append(f"@{rule.at_keyword} {prelude}{{{''.join(body)}}}")
            else:
                kept.append(rule.serialize())
    return kept


def used_rules(css: str, words: Iterable[str]) -> str:
    """``css`` without the rules no selector of which can match a page with ``words``."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_cut(rules, set(words))) + "\n"
