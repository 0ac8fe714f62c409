"""The article as every step after the gazetteer reads it, passed as one value.

People, the home reading, parties and the setting all look at the same things: the analysed
text, its words, the gazetteer's mentions, the lexicon and the party an unqualified ministry word
means. Handing them over one by one made signatures of six to nine parameters; this bundles them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .gazetteer import Lexicon, Mention
from .text import Article


@dataclass(frozen=True)
class Context:
    article: Article
    lex: Lexicon
    mentions: list[Mention]  # gazetteer matches in token order
    home: str | None  # --home before read_home(); afterwards the party the text bears out
    words: list[str]  # normalized token texts, article.tokens[i].text

    @classmethod
    def of(cls, article: Article, lex: Lexicon, home: str | None) -> Context:
        words = [t.text for t in article.tokens]
        return cls(article, lex, lex.index.find(words), home, words)

    def settled(self, mentions: list[Mention], home: str | None) -> Context:
        """The same article once read_home() has decided what unqualified words mean."""
        return replace(self, mentions=mentions, home=home)
