"""People: a name anchored by a rank, an honorific, a position, or a following position.

Arabic press names a person as [position] [rank] [honorific] NAME, or NAME، position. A name
is a run of tokens that are not common words, titles, places or dates; it may start after a
rank/honorific even with al- (العبد إبراهيم خليل) and may join connectors (بن، آل، عبد، ذو).
Ranks come from the shared vocabulary; "ركن"/"الركن" after a rank makes the staff rank.

The words are in data/ (words.json "people", lexicon.json). What the code still spells out is
Arabic morphology, the same for every word: the article ال (and لل, ل + ال), the proclitics
glued to a word (و and, ف so, ب in/with, ل to, ك like), a final ه (ة once normalized: a
feminine noun or adjective), a final ا (an indefinite accusative: برنامجا), a final ي (a
nisba), tanween and ى.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from taawun import vocabulary

from . import cues
from .context import Context
from .gazetteer import Lexicon, Mention, name_words
from .normalize import normalize_arabic
from .text import Article

_MAX_NAME = 8
_MAX_POSITION = 16
_QUOTES = "\"'“”«»‘’"
_WORDS = cues.module_words("people")
_ALI = _WORDS["ali_or_on"]
_STAFF_RANK = min(_WORDS["staff_rank"])  # one word; a list like every other in words.json


def _with_maqsura(word: str) -> str:
    """The word with its final ي written ى, as some texts do ("فى", "على")."""
    return word[:-1] + "ى"


# Texts that write final ي as ى give it away with their commonest words ("فى", "التى").
_MAQSURA_YA = re.compile(
    rf"(?<!\w)(?:{cues.one_of(frozenset(_with_maqsura(w) for w in _WORDS['maqsura_spellings']))})(?!\w)"
)


@dataclass
class Person:
    name: str
    name_span: tuple[int, int]  # token range
    rank: str | None = None
    position: str | None = None
    position_span: tuple[int, int] | None = None
    party: str | None = None
    head_of_state: bool = False
    background: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # every token range naming them

    def tokens(self) -> set[str]:
        return set(name_words(self.name))


def _rank_table() -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for term in vocabulary.ranks():
        words = tuple(normalize_arabic(term.ar).split())
        table[words] = term.ar
        table[("ال" + words[0], *words[1:])] = term.ar
        if len(words) > 1:  # "الفريق الأول"
            table[("ال" + words[0], *("ال" + w for w in words[1:]))] = term.ar
    return table


@cache
def _police_titles() -> tuple[dict[tuple[str, ...], bool], frozenset[str], frozenset[str]]:
    """Police grades (data/police_ranks.json): token tuple → whether it reads so only in a
    Maghreb article; the modifiers that may follow one; the Maghreb country codes."""
    data = json.loads(
        resources.files(__package__).joinpath("data/police_ranks.json").read_text(encoding="utf-8")
    )
    titles = {tuple(normalize_arabic(t).split()): False for t in data["titles"]}
    titles.update({tuple(normalize_arabic(t).split()): True for t in data["maghreb_titles"]})
    modifiers = frozenset(normalize_arabic(m) for m in data["modifiers"])
    return titles, modifiers, frozenset(data["maghreb"])


class PeopleFinder:
    def __init__(self, article: Article, lex: Lexicon, mentions: list[Mention]) -> None:
        self.article = article
        self.lex = lex
        self.words = [t.text for t in article.tokens]
        self.place_at: dict[int, Mention] = {}
        for mention in mentions:
            for index in range(mention.first, mention.last):
                self.place_at[index] = mention
        self.ranks = _rank_table()
        self.rank_first = {key[0] for key in self.ranks}
        w = lex.words
        self.stop = (
            w["stopwords"] | w["position_heads"] | w["honorifics"] | w["rank_modifiers"] | w["position_words"]
        )
        self.months = set(lex.months_gregorian) | set(lex.months_hijri)
        self.people: list[Person] = []
        self.used: set[int] = set()
        # Texts that write final ي as ى ("فى", "التى") may spell Ali "على"; elsewhere "على" is "on".
        self.maqsura_ya = bool(_MAQSURA_YA.search(article.norm.original))
        titles, self.police_modifiers, maghreb = _police_titles()
        in_maghreb = any(m.entry.code in maghreb for m in mentions)
        self.police = {key for key, maghreb_only in titles.items() if in_maghreb or not maghreb_only}
        self.police_first = {key[0] for key in self.police}

    # --- token tests -------------------------------------------------------------------------
    def _variants(self, word: str) -> list[str]:
        """The word without a proclitic or two ("وبالتعاون" → "بالتعاون", "التعاون")."""
        out = [word]
        if len(word) >= 4 and word[0] in "وفبل":
            out.append(word[1:])
            if len(word) > 5 and word[1] in "بل" and word[0] in "وف":
                out.append(word[2:])
        return out

    def is_common(self, word: str) -> bool:
        return any(v in self.stop or v in self.months or v in self.lex.weekdays for v in self._variants(word))

    def is_rank_at(self, i: int) -> tuple[str, int] | None:
        if i >= len(self.words):
            return None
        first = self.words[i]
        if first not in self.rank_first and first[:1] == "و" and first[1:] in self.rank_first:
            first = first[1:]  # "واللواء فلان": a rank in a list of people
        if first not in self.rank_first:
            return None
        for size in (3, 2, 1):
            key = (first, *self.words[i + 1 : i + size])
            if key in self.ranks:
                rank, j = self.ranks[key], i + size
                # Staff rank ("ركن"/"الركن") and service words (بحري، طيار) may follow.
                while j < len(self.words) and self.words[j] in self.lex.words["rank_modifiers"]:
                    if self.words[j] in _WORDS["staff"] and not rank.endswith(_STAFF_RANK):
                        staff = f"{rank} {_STAFF_RANK}"
                        if any(t.ar == staff for t in vocabulary.ranks()):
                            rank = staff
                    j += 1
                return rank, j
        return None

    def police_title_at(self, i: int) -> int | None:
        """End of a police grade starting at token i ("عميد شرطة ممتاز", "ومحافظ الشرطة"), or None."""
        if i >= len(self.words):
            return None
        first = self.words[i]
        if first not in self.police_first:
            if first[:1] != "و" or first[1:] not in self.police_first:
                return None
            first = first[1:]
        for size in (4, 3, 2, 1):
            if (first, *self.words[i + 1 : i + size]) in self.police:
                j = i + size
                while j < len(self.words) and j - i < 5 and self.words[j] in self.police_modifiers:
                    j += 1
                return j
        return None

    def is_honorific(self, i: int) -> bool:
        if i >= len(self.words):
            return False
        word = self.words[i]
        honorifics = self.lex.words["honorifics"]
        first = word[:1]
        if word in honorifics or (first == "و" and word[1:] in honorifics):
            return True
        if first != "ب" and first != "ل" and first != "و":
            return False
        # A preposition glued to the defined honorific: "التقى بالشيخ فلان"، "للسيد فلان" (ل + ال).
        return (
            word[:3] in ("بال", "وبال")
            and word[word.index("ال") :] in honorifics
            or word[:2] == "لل"
            and "ال" + word[2:] in honorifics
        )

    def is_position_head(self, i: int) -> bool:
        if i >= len(self.words):
            return False
        word = self.words[i]
        heads = self.lex.words["position_heads"]
        return word in heads or (word[:1] == "و" and word[1:] in heads)

    def name_like(self, i: int, first: bool, anchored: bool, titled: bool = False) -> bool:
        word = self.words[i]
        if len(word) < 2 or word[0].isdigit() or word.isascii():
            return False
        if "\u064b" in self.article.original(i, i + 1):
            return False  # tanween marks an indefinite noun (برنامجاً), never a name
        if word in _ALI and not self.maqsura_ya and self.article.original(i, i + 1) == _with_maqsura(word):
            return False  # "العميد فلان على دور ...": where ى and ي differ, "على" is the preposition
        if word in _ALI and not anchored:
            # "على" (on) and "علي" (Ali) are one word once normalized; Ali is followed by a name.
            nxt = i + 1
            return (
                nxt < len(self.words)
                and not self.words[nxt].startswith("ال")
                and not self.is_common(self.words[nxt])
                and nxt not in self.place_at
            )
        if first and not anchored and not word.startswith("ال") and word.endswith("ا") and len(word) >= 6:
            return False  # an indefinite accusative ("مؤكدا") opens no name
        if word[:1] in "بلك" and len(word) > 4 and word.endswith("ه") and not first:
            return False  # a preposition glued to a feminine noun ("بالمملكه", "لمدينه") ends a name
        # Right after a rank or honorific, ف، ب، ل opening the word are its letters, not proclitics:
        # "اللواء فيصل" is no "so he arrives" (يصل), "العميد باسم" no "in the name of".
        spelt = first and anchored and word[:1] in "فبل" and len(word) >= 4 and word[1:3] != "ال"
        common = not spelt and self.is_common(word)
        if i in self.place_at or common or self.is_rank_at(i) or self.police_title_at(i):
            return False
        if word in self.lex.words["connectors"]:
            return not first or word in _WORDS["name_openers"]
        prefixed_article = word[:3] in ("وال", "بال", "فال", "كال") or word[:2] == "لل"
        if prefixed_article and len(word) > 5:  # "والتعاون", "للشرطة": a noun with the article
            return False
        if self._defined(i):
            if first and not anchored:
                return False
            if (
                word.endswith("ه")
                and not first
                and word not in _WORDS["theophoric"]
                and not self._family_name_in_apposition(i)
                and not (titled and self._family_name_after_given(i))
            ):
                return False  # a feminine noun; "الله" (عبيد الله، نصر الله) is a name's
        return True

    def _family_name_in_apposition(self, i: int) -> bool:
        """ "..., عارف الخوجة، ...": a defined word in ة (a feminine noun, usually) closes a name
        as its family name when a comma ends the apposition right after it and an undefined
        given name stands right before it."""
        if i + 1 >= len(self.words) or i < 1:
            return False
        before = self.words[i - 1]
        return (
            any(ch in self.article.gap(i, i + 1) for ch in "،,.")
            and not before.startswith("ال")
            and not self.is_common(before)
            and i - 1 not in self.place_at
        )

    def _defined(self, i: int) -> bool:
        """The token opens with the article ال. Its alif never carries a hamza: "ألكسندر" and
        "إليزابيتا" (normalized الكسندر، اليزابيتا) are names, not defined nouns."""
        return self.words[i].startswith("ال") and self.article.original(i, i + 1)[:1] not in "أإ"

    def _family_name_after_given(self, i: int) -> bool:
        """ "وزير الداخلية مازن الفراية"، "اللواء عبيد الله المعايطة": after a title, a defined word
        in ة right after the given name (undefined, or الله closing it) is the family name."""
        before = self.words[i - 1]
        if before in _WORDS["theophoric"]:
            return True
        return (
            not before.startswith("ال")
            and not before.endswith(("ه", "ا"))
            and not self.is_common(before)
            and i - 1 not in self.place_at
        )

    def _boundary(self, left: int, right: int) -> bool:
        """Punctuation between two tokens ends a name (comma, quote, bracket, full stop)."""
        gap = self.article.gap(left, right)
        return any(ch in gap for ch in "،,.:;()[]\n" + _QUOTES) or "-" in gap.strip()

    def read_name(self, i: int, anchored: bool, titled: bool = False) -> int:
        """End (exclusive) of the name starting at i, or i when there is none."""
        j = i
        while j < len(self.words) and j - i < _MAX_NAME:
            if j > i and self._boundary(j - 1, j):
                break
            joins_next = self.words[j] in _WORDS["name_joiners"] and j + 1 < len(self.words)
            if (
                joins_next
                and not self._boundary(j, j + 1)
                and not self.words[j + 1][:1].isdigit()
                and j + 1 not in self.used
            ):
                j += 2
                continue
            if j in self.used or not self.name_like(j, first=(j == i), anchored=anchored, titled=titled):
                # A trailing family nisba (مطهر رشاد المصري) belongs to the name.
                mention = self.place_at.get(j)
                if (
                    j - i >= 2
                    and mention
                    and mention.entry.kind == "nisba"
                    and self.words[j].startswith("ال")
                    and self.words[j].endswith("ي")
                    and (j + 1 >= len(self.words) or not self.name_like(j + 1, False, True))
                ):
                    j += 1
                break
            j += 1
        while j > i and self.words[j - 1] in self.lex.words["connectors"]:
            j -= 1
        return j

    # --- anchors -----------------------------------------------------------------------------
    def read_position(self, i: int) -> int:
        """End of a position phrase starting with a head word at i (وزير الداخلية الإسباني ...)."""
        j = i + 1
        preps = self.lex.words["prepositions_in_position"]
        pos_words = self.lex.words["position_words"]
        heads = self.lex.words["position_heads"]
        while j < len(self.words) and j - i < _MAX_POSITION:
            if (
                self._boundary(j - 1, j)
                or self.is_rank_at(j)
                or self.is_honorific(j)
                or self.police_title_at(j)
            ):
                break
            word = self.words[j]
            variants = self._variants(word)
            if j in self.place_at:
                j = self.place_at[j].last
                continue
            supervised = (
                word in _WORDS["supervisor_preposition"] and self.words[j - 1] in _WORDS["supervisor"]
            )
            if (word in preps or supervised) and j + 1 < len(self.words):
                nxt = self.words[j + 1]
                if j + 1 in self.place_at or nxt.startswith(("ال", "لل")) or nxt in pos_words:
                    j += 1
                    continue
                break
            if any(v in pos_words or v in heads for v in variants):
                j += 1
                continue
            # A defined noun ("العام", "بالوزارة") or ل + a position word ("لشؤون") goes on the position.
            if (
                word.startswith(("ال", "وال", "بال", "لل", "فال"))
                and (not word.startswith("ال") or self._defined(j))
                or word.startswith("ل")
                and len(word) > 4
                and (word[1:] in pos_words or ("ال" + word[2:]) in pos_words)
            ):
                j += 1
                continue
            break
        return j

    def _strip_conjunction(self, name_first: int, name_last: int) -> str | None:
        """ "وحبيب العادلي" in "فلان وحبيب العادلي": the list's "و" is not part of the name."""
        word = self.words[name_first]
        if word[:1] != "و" or len(word) < 4 or word in self.lex.words["names_with_waw"]:
            return None
        original = self.article.original(name_first, name_last).strip(_QUOTES + " ")
        return original[1:] if original[:1] == "و" else None

    def add(
        self,
        name_first: int,
        name_last: int,
        rank: str | None,
        pos: tuple[int, int] | None,
        lone_ok: bool = False,
        title: tuple[int, int] | None = None,
    ) -> None:
        if name_last <= name_first or self.article.tokens[name_first].line in self.article.dateline_lines:
            return
        name = self._strip_conjunction(name_first, name_last) or self.article.original(
            name_first, name_last
        ).strip(_QUOTES + " ")
        position = self.article.original(*pos).strip(" ،,") if pos and pos[1] > pos[0] else None
        if position and position[:1] == "و" and self.words[pos[0]][1:] in self.lex.words["position_heads"]:
            position = position[1:]  # "ومدير الإدارة": the conjunction is not part of the title
        if title:
            # A police grade is part of the position as written: "عميد شرطة ممتاز، رئيس مصلحة ...".
            grade = self.article.original(*title).strip(" ،,")
            grade = grade[1:] if grade[:1] == "و" and self.words[title[0]] not in self.police_first else grade
            if not position:
                position = grade
            elif pos and pos[0] < title[0]:
                position = f"{position} {grade}"  # "المدير العام ... عميد أول للشرطة فلان"
            else:
                position = f"{grade} {position}"  # "عميد شرطة ممتاز فلان، رئيس مصلحة ..."
            pos = pos or title
        person = Person(name, (name_first, name_last), rank, position or None, pos)
        person.spans.append((name_first, name_last))
        for existing in self.people:
            if _same_person(existing, person):
                longer = len(person.tokens()) > len(existing.tokens())
                same_but_cleaner = (
                    len(person.tokens()) == len(existing.tokens()) and existing.name[:1] in "بلك"
                )
                if longer or same_but_cleaner:
                    existing.name, existing.name_span = person.name, person.name_span
                existing.rank = existing.rank or rank
                if not existing.position and position:
                    existing.position, existing.position_span = position, pos
                existing.spans.append((name_first, name_last))
                break
        else:
            if name_last - name_first < 2 and not (rank or pos is None or lone_ok):
                return  # a lone surname after a bare title ("الوزير خطاب") is not enough
            self.people.append(person)
        self.used.update(range(name_first, name_last))

    def find(self) -> list[Person]:
        n = len(self.words)
        i = 0
        while i < n:
            i = self._anchored_at(i)
        self._name_before_position()
        return self.people

    def _anchored_at(self, i: int) -> int:
        pos: tuple[int, int] | None = None
        start = i
        if self.is_position_head(i) and not self.is_rank_at(i) and not self.police_title_at(i):
            end = self.read_position(i)
            pos = (i, end)
            i = end
            # "position، name" or "position “name”"
            if i < len(self.words) and self._boundary(i - 1, i):
                gap = self.article.gap(i - 1, i)
                if not any(ch in gap for ch in "،," + _QUOTES):
                    return i
        rank = None
        title = None
        police = self.police_title_at(i)
        if police:
            title, i = (i, police), police
        found_rank = None if title else self.is_rank_at(i)
        if found_rank:
            rank, i = found_rank
        honorific = False
        while self.is_honorific(i):
            if (
                not honorific
                and pos is not None
                and self.words[i][:1] == "و"
                and self.words[i] not in _WORDS["waw_honorifics"]
            ):
                pos = None  # "رئيس دائرة كذا والسيد فلان": that position was the previous person's
            if (
                pos is not None
                and self.words[i][:1] in "بل"
                and self.words[i] not in self.lex.words["honorifics"]
            ):
                pos = None  # "التقى الوزير الإيطالي بالشيخ فلان": ب opens the object, another person
            honorific, i = True, i + 1
            found_rank = self.is_rank_at(i)
            if found_rank and not rank:
                rank, i = found_rank
        if i >= len(self.words) or (pos is None and rank is None and title is None and not honorific):
            return max(i, start + 1)
        # A name in quotes right after its position ("الوزير 'فلان الفلاني'") is anchored too.
        quoted = pos is not None and self._quoted(i)
        anchored = rank is not None or title is not None or honorific or quoted
        end = self.read_name(i, anchored=anchored, titled=anchored or pos is not None)
        if end == i:
            return i if i > start else start + 1
        if end - i == 1 and not anchored and not self._quoted(i):
            return end
        lone_ok = False
        if pos is None:
            pos = self._position_after(end)
            # "السيد سروش رئيس دائرة ...": honorific + one-word name + its position is a person.
            lone_ok = honorific and pos is not None
        self.add(i, end, rank, pos, lone_ok=lone_ok or title is not None, title=title)
        return end

    def _quoted(self, first: int) -> bool:
        """A quotation mark just before token `first`."""
        return any(q in self.article.gap(first - 1, first) for q in _QUOTES)

    def _position_after(self, end: int) -> tuple[int, int] | None:
        # "فلان ونظيره التركي": a head joined by "و" starts the next person, not this one's title.
        joined = (
            end < len(self.words)
            and self.words[end][:1] == "و"
            and self.words[end] not in self.lex.words["position_heads"]
        )
        if end < len(self.words) and self.is_position_head(end) and not joined:
            return (end, self.read_position(end))
        return None

    def _name_before_position(self) -> None:
        """Unanchored NAME followed by a position (ماغنوس برونر، مفوض ...; جون تود المبعوث ...)."""
        n = len(self.words)
        for k in range(1, n):
            if not self.is_position_head(k) or k - 1 in self.used:
                continue
            first = k
            while first > 0 and k - first < 5 and (first - 1) not in self.used:
                if first < k and self._boundary(first - 1, first):
                    break
                if not self.name_like(first - 1, first=False, anchored=False):
                    break
                first -= 1
            # The run must start at a clause boundary and be a real multi-word name.
            while first < k and self._defined(first):
                first += 1
            if k - first < 2 or first == k:
                continue
            # Before the name: a clause boundary, a common word, or a place or nisba ending the
            # phrase that introduces it ("حضرها من الجانب البلجيكي فلان الفلاني، سفير ...").
            if first > 0 and not (
                self._boundary(first - 1, first)
                or self.is_common(self.words[first - 1])
                or first - 1 in self.place_at
            ):
                continue
            self.add(first, k, None, (k, self.read_position(k)))


_CONNECTORS = _WORDS["name_connectors"]


def _name_tokens(person: Person) -> set[str]:
    out = set()
    for token in person.tokens() - _CONNECTORS:
        out.add(token[1:] if token[:1] in "بلكو" and len(token) > 3 else token)  # a proclitic off
    return out


def _same_person(a: Person, b: Person) -> bool:
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    common = len(ta & tb)
    shorter = min(len(ta), len(tb))
    if shorter == 1:
        return common == 1
    first_a = name_words(a.name)[0]
    first_b = name_words(b.name)[0]
    same_first = first_a == first_b or first_a[1:] == first_b or first_b[1:] == first_a
    return common >= 2 and common / shorter >= 2 / 3 and same_first


def find_people(ctx: Context) -> list[Person]:
    return PeopleFinder(ctx.article, ctx.lex, ctx.mentions).find()
