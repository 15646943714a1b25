"""Search as you type over the careers library.

Pupils type a letter at a time, misspell, use slang and American spellings. The search is built
so that:

* an exact job title or alternative title beats a passing mention in a summary, and a title
  beats an alternative title (ranking is by *where* the words matched, in fixed bands, with
  FTS5's bm25 only ordering jobs within a band and breaking ties);
* every word of the query is a prefix, so "v", "ve", "vet" and "elec" find jobs while typing;
* plurals ("nurses"), UK/US spellings ("color", "pediatric") and pupils' words from
  synonyms.toml ("sparky", "cop") find the job they mean;
* a word that matches nothing is corrected against the words of job titles with rapidfuzz
  ("enginer" -> "engineer"), so misspellings still land;
* nothing a pupil types can make it fail: the query is cut down to plain lower-case words before
  anything else sees it, and only those words, quoted, ever reach an FTS5 MATCH.

All of the title vocabulary is held in memory (a few thousand names for 300 jobs); FTS5 is only
asked about the longer text (summary, tasks, skills).
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process

from careersdesk.content.schema import RIASEC

MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 8

# Words that carry no meaning in "jobs with animals" or "I want to be a vet". The word being
# typed (the last one) is always kept, because "an" may be the start of "animal".
STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "as", "by",
    "i", "im", "me", "my", "want", "wanna", "would", "like", "love", "be", "become", "becoming",
    "being", "job", "jobs", "career", "careers", "do", "doing", "something", "that", "is", "are",
    "how", "what", "where", "working", "someone", "who", "about", "into",
})
# Name words that may be left out of a query without it stopping being an exact match.
NAME_FILLER_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "at", "to",
                               "for", "with"})

# The library is written in UK English; pupils also type US spellings (and the other way round
# now and then). Each pair is (UK start of a word, other spelling of that start): a word that
# begins with either is also looked up with the other, in the query and in the titles alike.
SPELLING_PAIRS: tuple[tuple[str, str], ...] = (
    ("colour", "color"), ("labour", "labor"), ("behaviour", "behavior"), ("honour", "honor"),
    ("harbour", "harbor"), ("favour", "favor"), ("flavour", "flavor"), ("humour", "humor"),
    ("neighbour", "neighbor"), ("rumour", "rumor"), ("odour", "odor"), ("armour", "armor"),
    ("parlour", "parlor"), ("tumour", "tumor"), ("vapour", "vapor"), ("endeavour", "endeavor"),
    ("centre", "center"), ("theatre", "theater"), ("fibre", "fiber"), ("metre", "meter"),
    ("litre", "liter"), ("calibre", "caliber"), ("sabre", "saber"), ("spectre", "specter"),
    ("catalogue", "catalog"), ("dialogue", "dialog"), ("analogue", "analog"),
    ("paediatric", "pediatric"), ("paedo", "pedo"), ("anaesth", "anesth"),
    ("orthopaed", "orthoped"), ("gynaecolog", "gynecolog"), ("haemat", "hemat"),
    ("haemo", "hemo"), ("aesthet", "esthet"), ("oesophag", "esophag"), ("oestr", "estr"),
    ("encyclopaed", "encycloped"), ("archaeolog", "archeolog"), ("palaeo", "paleo"),
    ("manoeuvr", "maneuver"), ("defence", "defense"), ("offence", "offense"),
    ("licence", "license"), ("pretence", "pretense"), ("practise", "practice"),
    ("travell", "travel"), ("counsell", "counsel"), ("adviser", "advisor"), ("modell", "model"),
    ("jewellery", "jewelry"), ("jeweller", "jeweler"), ("labell", "label"), ("fuell", "fuel"),
    ("signall", "signal"), ("cancell", "cancel"), ("levell", "level"), ("marvell", "marvel"),
    ("programme", "program"), ("tyre", "tire"), ("storey", "story"), ("grey", "gray"),
    ("mould", "mold"), ("plough", "plow"), ("aluminium", "aluminum"), ("maths", "math"),
    ("ageing", "aging"), ("judgement", "judgment"), ("sceptic", "skeptic"),
    ("enrolment", "enrollment"), ("fulfil", "fulfill"), ("skilful", "skillful"),
    ("instalment", "installment"), ("kerb", "curb"), ("pyjama", "pajama"), ("cosy", "cozy"),
    ("doughnut", "donut"), ("tonne", "ton"), ("axe", "ax"), ("cheque", "check"),
    ("draught", "draft"), ("sulphur", "sulfur"), ("mum", "mom"), ("arse", "ass"),
)
_SPELLING_START = re.compile("|".join(sorted(
    {re.escape(start) for pair in SPELLING_PAIRS for start in pair}, key=len, reverse=True)))
_OTHER_SPELLING = {a: b for a, b in SPELLING_PAIRS} | {b: a for a, b in SPELLING_PAIRS}
# organise/organize, analyse/analyze and their endings.
_ISE_IZE = re.compile(r"(?<=[a-z]{3})([iy])([sz])(e|es|ed|er|ers|ing|ation|ations)$")


@lru_cache(maxsize=8192)
def spelling_variants(word: str) -> frozenset[str]:
    """The word and its other spellings: "color" -> {"color", "colour"}."""
    found = {word}
    start = _SPELLING_START.match(word)
    if start is not None:
        found.add(_OTHER_SPELLING[start.group()] + word[start.end():])
    for variant in list(found):
        ending = _ISE_IZE.search(variant)
        if ending is not None:
            other = "z" if ending.group(2) == "s" else "s"
            found.add(variant[:ending.start()] + ending.group(1) + other + ending.group(3))
    return frozenset(found)


def singular(word: str) -> str:
    """A light singular, good enough for job titles: nurses, secretaries, firemen, boxes."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def word_forms(word: str) -> frozenset[str]:
    """Every form a word is indexed and looked up under: spellings and their singulars."""
    spellings = spelling_variants(word)
    return spellings | {singular(spelling) for spelling in spellings}


# Job names are nouns for people; pupils often type the activity or the subject instead ("art
# therapy", "criminology", "welding", "translation"). Each rule is (ending of a name word, the
# endings of the words it comes from). Matches through these count as partial, never exact.
DERIVED_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ologist", ("ology",)),
    ("ntist", ("nce",)),          # scientist: science
    ("ist", ("", "y", "e")),      # therapist: therapy; tattooist: tattoo; acupuncturist
    ("eer", ("eering",)),         # engineer: engineering
    ("ier", ("ing", "y")),        # glazier: glazing
    ("ian", ("", "y")),           # musician: music; librarian: library
    ("er", ("ing", "y")),         # welder: welding; photographer: photography
    ("or", ("ion", "ing")),       # translator: translation; decorator: decorating
    ("path", ("pathy",)),         # osteopath: osteopathy
)
SHORTEST_DERIVED_WORD = 6


@lru_cache(maxsize=16384)
def derived_forms(word: str) -> frozenset[str]:
    """The words a job-name word is made from: "therapist" -> "therapy", "welder" -> "welding"."""
    if len(word) < SHORTEST_DERIVED_WORD:
        return frozenset()
    for ending, sources in DERIVED_ENDINGS:
        if word.endswith(ending):
            stem = word[:-len(ending)]
            return frozenset(stem + source for source in sources) - {word}
    return frozenset()


def fold(text: str) -> str:
    """Plain lower-case letters and digits separated by single spaces.

    Accents are dropped ("café" -> "cafe"), apostrophes vanish ("builder's" -> "builders") and
    everything else, from hyphens to emoji, NUL bytes and right-to-left script, becomes a space.
    """
    plain = text.casefold()
    if not plain.isascii():  # most library text is plain ASCII: skip the slow part
        plain = unicodedata.normalize("NFKD", plain).translate(_without_accents())
    plain = plain.replace("'", "").replace("\u2019", "")
    return " ".join(_WORD.findall(plain))


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _without_accents() -> dict[int, None]:
    """A str.translate table deleting every combining mark (accents) in the Basic Multilingual
    Plane, where all the scripts pupils type keep theirs. Made once, on first use."""
    return {code: None for code in range(0x300, 0x10000) if unicodedata.combining(chr(code))}


def query_words(query: object) -> list[str]:
    """The words of what a pupil typed, cut to a sensible length. Never fails."""
    if not isinstance(query, str):
        return []
    return fold(query[:MAX_QUERY_CHARACTERS]).split()[:MAX_QUERY_WORDS]


def content_words(words: Sequence[str]) -> list[str]:
    """Query words without filler, keeping the word being typed."""
    kept = [word for word in words[:-1] if word not in STOP_WORDS] + list(words[-1:])
    return kept if kept else list(words)


# -- what is searched -------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search or a browse. Empty values mean "any"; a job must pass every filter set.

    Within one filter any listed value will do: categories=("healthcare", "social-care") finds
    jobs in either.
    """

    categories: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()  # route kinds: ("apprenticeship",) = can start that way
    max_entry_level: int | None = None  # can start with at most this qualification level
    stem: bool | None = None
    min_pay: int | None = None  # median full-time pay, pounds a year
    max_pay: int | None = None
    interests: str = ""  # RIASEC letters; the job's code contains any of them
    subjects: tuple[str, ...] = ()


NO_FILTERS = SearchFilters()


@dataclass(frozen=True)
class SearchResult:
    slug: str
    title: str
    score: float
    matched_name: str = ""  # the title or alternative title that matched, if one did


@dataclass(frozen=True)
class SearchEntry:
    """What search needs to know about one job; the library makes these from its rows."""

    rowid: int  # the job's row in jobs and jobs_fts
    slug: str
    title: str
    hand_titles: tuple[str, ...]  # alternative titles chosen by the content team
    index_titles: tuple[str, ...]  # matching titles from the ONS coding index
    categories: tuple[str, ...]
    route_kinds: tuple[str, ...]
    min_entry_level: int
    stem: bool
    pay_median: int | None
    interest_code: str
    subjects: tuple[str, ...]
    body_text: str  # summary, tasks and skills: only to know which words are real words


TITLE, HAND_TITLE, INDEX_TITLE = 0, 1, 2

# Score bands. A job's score is the best band it reached plus a little for how well its text
# matched (at most BODY_TIE_BREAK), so the bands never overlap.
PUPIL_WORD = 1000.0
EXACT = (990.0, 950.0, 920.0)  # by TITLE, HAND_TITLE, INDEX_TITLE
STARTS_WITH = (800.0, 730.0, 690.0)
PUPIL_WORD_STARTS = 760.0
ALL_WORDS = (600.0, 540.0, 500.0)
PUPIL_WORD_IN_QUERY = 520.0
MOST_WORDS = (420.0, 380.0, 350.0)
MOST_WORDS_SEVERAL = 150.0  # lifts a name matching two or more words above PUPIL_WORD_IN_QUERY
RARE_WORD_BONUS = 30.0
NAME_INSIDE_QUERY = 40.0
LOOKS_LIKE = 300.0  # whole-query fuzzy match to a name: 380 to 400
TEXT_ONLY = 100.0  # mentioned in the summary, tasks or skills: 100 to 250
CORRECTED = 100.0  # taken off when a misspelt word had to be corrected to match
BODY_TIE_BREAK = 10.0
SHORTEST_WORD_SEARCH = 3  # letters typed before words inside names and texts are searched
FIRST_WORD_BONUS = 20.0


@dataclass
class _Name:
    entry: int
    text: str
    kind: int
    words: tuple[str, ...]
    compact: str  # the words run together, so "make up" finds "Make-up artist"
    needed: tuple[int, ...]  # positions of the words an exact match must cover (not "and")


@dataclass
class _TokenMatch:
    """Which names one query word matched, at which word positions, and how exactly."""

    positions: dict[int, dict[int, bool]] = field(default_factory=dict)  # name -> pos -> exact
    corrected: bool = False

    def add(self, name: int, position: int, exact: bool) -> None:
        seen = self.positions.setdefault(name, {})
        seen[position] = seen.get(position, False) or exact


class SearchIndex:
    """Titles, pupils' words and filters for every job, prepared once and kept in memory."""

    def __init__(self, entries: Sequence[SearchEntry], synonyms: Mapping[str, Sequence[str]],
                 connection: sqlite3.Connection | None) -> None:
        self.entries = list(entries)
        self.connection = connection
        self.by_rowid = {entry.rowid: number for number, entry in enumerate(self.entries)}
        by_slug = {entry.slug: number for number, entry in enumerate(self.entries)}
        self.names: list[_Name] = []
        for number, entry in enumerate(self.entries):
            for kind, titles in ((TITLE, (entry.title,)), (HAND_TITLE, entry.hand_titles),
                                 (INDEX_TITLE, entry.index_titles)):
                for title in titles:
                    words = tuple(fold(title).split())
                    if words:
                        needed = tuple(position for position, word in enumerate(words)
                                       if word not in NAME_FILLER_WORDS)
                        self.names.append(_Name(number, title, kind, words, "".join(words),
                                                needed))
        # Every form of every name word, sorted, so the names a prefix matches are a slice.
        # The flag marks a derived form ("welding" for "Welder"), which never matches exactly.
        postings: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
        for name_number, name in enumerate(self.names):
            for position, word in enumerate(name.words):
                forms = word_forms(word)
                for form in forms:
                    postings[form].append((name_number, position, False))
                for form in derived_forms(word) - forms:
                    postings[form].append((name_number, position, True))
        self.forms = sorted(postings)
        self.postings = [postings[form] for form in self.forms]
        self.compacts = sorted((name.compact, number) for number, name in enumerate(self.names))
        self.compact_choices = [compact for compact, _ in self.compacts]
        # Pupils' words: folded phrase -> entries, in the order the synonyms file gives them.
        self.synonyms: dict[str, list[int]] = {}
        for phrase, slugs in synonyms.items():
            key = fold(phrase)
            targets = [by_slug[slug] for slug in slugs if slug in by_slug]
            if key and targets:
                self.synonyms.setdefault(key, []).extend(targets)
        self.synonym_keys = sorted(self.synonyms)
        name_words = {word for name in self.names for word in name.words}
        synonym_words = {word for key in self.synonyms for word in key.split()}
        # Words a misspelling may be corrected to, and words that need no correcting.
        self.correctable = sorted(word for word in name_words | synonym_words if len(word) >= 3)
        body_words = {word for entry in self.entries for word in fold(entry.body_text).split()}
        self.known_words: set[str] = set().union(
            *(word_forms(word) for word in synonym_words | body_words))
        self.by_title = sorted(range(len(self.entries)),
                               key=lambda number: (self.entries[number].title.casefold(),
                                                   self.entries[number].slug))

    # -- filters ------------------------------------------------------------------------------

    def allowed(self, filters: SearchFilters) -> set[int] | None:
        """The entries that pass the filters, or None when no filter is set."""
        if filters == NO_FILTERS:
            return None
        letters = {letter for letter in filters.interests.upper() if letter in RIASEC}
        passing = set()
        for number, entry in enumerate(self.entries):
            if filters.categories and not set(filters.categories) & set(entry.categories):
                continue
            if filters.routes and not set(filters.routes) & set(entry.route_kinds):
                continue
            if filters.max_entry_level is not None and \
                    entry.min_entry_level > filters.max_entry_level:
                continue
            if filters.stem is not None and entry.stem != filters.stem:
                continue
            if filters.min_pay is not None and (entry.pay_median is None
                                                or entry.pay_median < filters.min_pay):
                continue
            if filters.max_pay is not None and (entry.pay_median is None
                                                or entry.pay_median > filters.max_pay):
                continue
            if letters and not letters & set(entry.interest_code):
                continue
            if filters.subjects and not set(filters.subjects) & set(entry.subjects):
                continue
            passing.add(number)
        return passing

    # -- searching ----------------------------------------------------------------------------

    def search(self, query: object, filters: SearchFilters = NO_FILTERS,
               limit: int = 20) -> list[SearchResult]:
        """Ranked jobs for what a pupil typed. Never raises: odd input simply finds nothing.

        An empty query lists the jobs that pass the filters, by title.
        """
        if limit <= 0:
            return []
        allowed = self.allowed(filters)
        words = query_words(query)
        if not words:
            if isinstance(query, str) and query.strip():
                return []  # only symbols, emoji or another script: nothing to look for
            return [SearchResult(self.entries[n].slug, self.entries[n].title, 0.0)
                    for n in self.by_title if allowed is None or n in allowed][:limit]
        scores: dict[int, float] = {}
        matched: dict[int, str] = {}

        def offer(entry: int, score: float, name: str = "") -> None:
            if allowed is not None and entry not in allowed:
                return
            if score > scores.get(entry, 0.0):
                scores[entry] = score
                matched[entry] = name

        tokens = content_words(words)
        relevance: dict[int, float] = {}
        if len("".join(tokens)) < SHORTEST_WORD_SEARCH:
            # One or two letters typed: the jobs whose names start with them. Every job's
            # text has words starting with "a", so looking further would list the whole
            # library, slowly, in no useful order.
            self._offer_pupil_words(words, tokens, tokens, offer)
            self._offer_names_starting("".join(tokens), offer)
        else:
            corrections = {token: self._corrections(token) for token in tokens}
            corrected_tokens = [corrections[token][0] if corrections[token] else token
                                for token in tokens]
            self._offer_pupil_words(words, tokens, corrected_tokens, offer)
            self._offer_names(tokens, corrections, offer)
            if max(scores.values(), default=0.0) < ALL_WORDS[INDEX_TITLE]:
                self._offer_look_alikes("".join(corrected_tokens), offer)
            relevance = self._text_relevance(tokens, corrections)
            for entry, value in relevance.items():
                offer(entry, TEXT_ONLY + 150.0 * value)
        final = {entry: score + BODY_TIE_BREAK * relevance.get(entry, 0.0)
                 for entry, score in scores.items()}
        # Only the best `limit` are wanted: cheaper than sorting hundreds for "e".
        ranked = heapq.nsmallest(limit, final, key=lambda entry: (
            -final[entry], self.entries[entry].title.casefold()))
        return [SearchResult(self.entries[entry].slug, self.entries[entry].title,
                             round(final[entry], 2), matched[entry]) for entry in ranked]

    def _corrections(self, token: str) -> list[str]:
        """Title words a misspelt query word probably meant, best first; [] if it is fine."""
        if len(token) < 4:
            return []  # too short to tell a slip from the start of a word
        for form in word_forms(token):
            start, end = self._prefix_slice(form)
            if form in self.known_words or end > start:
                return []
        found = process.extract(token, self.correctable, scorer=fuzz.ratio, score_cutoff=80,
                                limit=5)
        if not found:
            return []
        best = found[0][1]
        return [word for word, score, _ in found if score >= best - 3][:3]

    def _prefix_slice(self, prefix: str) -> tuple[int, int]:
        start = bisect.bisect_left(self.forms, prefix)
        end = bisect.bisect_left(self.forms, prefix + "\x7f", lo=start)
        return start, end

    def _token_matches(self, alternatives: Iterable[str]) -> _TokenMatch:
        match = _TokenMatch()
        found = match.positions
        forms, postings = self.forms, self.postings
        for alternative in alternatives:
            start, end = self._prefix_slice(alternative)
            for form_number in range(start, end):
                same_word = forms[form_number] == alternative
                # The loop below runs for every name a typed prefix reaches (hundreds for
                # "eng"), so it works on the dictionaries directly rather than through add().
                for name, position, derived in postings[form_number]:
                    exact = same_word and not derived
                    seen = found.get(name)
                    if seen is None:
                        found[name] = {position: exact}
                    elif exact or position not in seen:
                        seen[position] = seen.get(position, False) or exact
        return match

    def _offer_pupil_words(self, words: list[str], tokens: list[str],
                           corrected_tokens: list[str], offer: _Offer) -> None:
        phrases: dict[str, float] = {" ".join(corrected_tokens): CORRECTED}
        for phrase in (" ".join(words), " ".join(tokens),
                       " ".join(singular(word) for word in tokens)):
            phrases[phrase] = 0.0  # as typed: no penalty, even if "corrected" is the same
        for phrase, penalty in phrases.items():
            for rank, entry in enumerate(self.synonyms.get(phrase, ())):
                offer(entry, PUPIL_WORD - penalty - 3 * rank, phrase)
        typed = " ".join(tokens)
        if len(typed) >= 3:  # part of a pupil's word typed so far: "spar" for "sparky"
            position = bisect.bisect_left(self.synonym_keys, typed)
            while position < len(self.synonym_keys) and \
                    self.synonym_keys[position].startswith(typed):
                key = self.synonym_keys[position]
                for rank, entry in enumerate(self.synonyms[key]):
                    offer(entry, PUPIL_WORD_STARTS - 3 * rank - (len(key) - len(typed)), key)
                position += 1
        if len(tokens) > 1:  # "sparky apprenticeship": one of the words is a pupil's word
            for token in tokens:
                if len(token) < 3 and token.isalpha():
                    continue  # "it", "ta" inside a longer query are far more often just words
                for rank, entry in enumerate(self.synonyms.get(token, ())):
                    offer(entry, PUPIL_WORD_IN_QUERY - 3 * rank, token)

    def _offer_names(self, tokens: list[str], corrections: dict[str, list[str]],
                     offer: _Offer) -> None:
        matches = []
        for token in tokens:
            match = self._token_matches(word_forms(token))
            if not match.positions and corrections[token]:
                match = self._token_matches(
                    {form for word in corrections[token] for form in word_forms(word)})
                match.corrected = True
            matches.append(match)
        penalty = CORRECTED if any(match.corrected for match in matches) else 0.0
        found = [set(match.positions) for match in matches]
        every = set.intersection(*found) if found else set()
        typed_length = sum(len(token) for token in tokens)
        # Many names belong to each job (its title and dozens of index titles): keep the best
        # per job here and offer each job once.
        best: dict[int, tuple[float, str]] = {}
        all_names = self.names
        only = matches[0].positions if len(matches) == 1 else None
        for name_number in every:
            name = all_names[name_number]
            if only is not None:  # one word typed: the common case while typing
                score = self._one_word_score(name, only[name_number], typed_length)
            else:
                score = self._name_score(
                    name, [match.positions[name_number] for match in matches], typed_length)
            held = best.get(name.entry)
            if held is None or score > held[0]:
                best[name.entry] = (score, name.text)
        for entry, (score, text) in best.items():
            offer(entry, score - penalty, text)
        if not every and len(tokens) > 1:  # all but one word matched a name
            counts: dict[int, int] = {}
            rarity: dict[int, float] = {}
            for names in found:
                # "probation worker": a name holding the rare word ("probation") is a better
                # guess than one holding the common one ("worker").
                weight = RARE_WORD_BONUS / (1.0 + math.log1p(len(names)))
                for name_number in names:
                    counts[name_number] = counts.get(name_number, 0) + 1
                    rarity[name_number] = rarity.get(name_number, 0.0) + weight
            for name_number, count in counts.items():
                if count == len(tokens) - 1:
                    name = self.names[name_number]
                    covered = {position for match in matches
                               for position, exact in match.positions.get(name_number, {}).items()
                               if exact}
                    if covered.issuperset(name.needed):
                        # The whole name is in the query with a word more: "paramedic
                        # science", "zoo vet". Nearly as good as every word matching.
                        score = ALL_WORDS[name.kind] - NAME_INSIDE_QUERY
                    else:
                        # A name that explains two or more of the words beats one pupil's
                        # word somewhere in the query: "climate change scientist".
                        several = MOST_WORDS_SEVERAL if count >= 2 else 0.0
                        score = MOST_WORDS[name.kind] + several
                    offer(name.entry, score + rarity[name_number] - penalty, name.text)
        self._offer_names_starting("".join(tokens), offer)  # "fire fighter", "make up artist"

    def _offer_names_starting(self, typed: str, offer: _Offer) -> None:
        """Names that start with what was typed, spaces and hyphens ignored."""
        compacts, names = self.compacts, self.names
        position = bisect.bisect_left(compacts, (typed, -1))
        end = bisect.bisect_left(compacts, (typed + "\x7f", -1), lo=position)
        best: dict[int, tuple[float, str]] = {}  # per job, as in _offer_names
        for compact, name_number in compacts[position:end]:
            name = names[name_number]
            extra = len(compact) - len(typed)
            score = EXACT[name.kind] if extra == 0 else \
                STARTS_WITH[name.kind] - (60.0 if extra > 60 else float(extra))
            held = best.get(name.entry)
            if held is None or score > held[0]:
                best[name.entry] = (score, name.text)
        for entry, (score, text) in best.items():
            offer(entry, score, text)

    @staticmethod
    def _name_score(name: _Name, positions: list[dict[int, bool]], typed_length: int) -> float:
        """The band a name reached: every word exact, starting with what was typed, or only
        containing the words somewhere. `positions` holds, for each query word, the name's
        word positions it matched and whether exactly."""
        if len(positions) == 1:
            return SearchIndex._one_word_score(name, positions[0], typed_length)
        extra = max(0.0, float(len(name.compact) - typed_length))  # letters still to type
        covered = {position for seen in positions for position, exact in seen.items() if exact}
        if all(any(seen.values()) for seen in positions) and covered.issuperset(name.needed):
            return EXACT[name.kind]
        last = len(positions) - 1
        if all(position in seen and (seen[position] or position == last)
               for position, seen in enumerate(positions)):
            return STARTS_WITH[name.kind] - min(60.0, extra)
        first_word = FIRST_WORD_BONUS if 0 in positions[0] else 0.0
        return ALL_WORDS[name.kind] + first_word - min(40.0, extra / 2)

    @staticmethod
    def _one_word_score(name: _Name, seen: dict[int, bool], typed_length: int) -> float:
        """_name_score when one word was typed: the common case while typing, kept quick."""
        needed = name.needed
        if len(needed) == 1 and seen.get(needed[0]):
            return EXACT[name.kind]
        extra = len(name.compact) - typed_length  # letters still to type
        if 0 in seen:
            return STARTS_WITH[name.kind] - (60.0 if extra > 60 else max(0.0, float(extra)))
        return ALL_WORDS[name.kind] - (40.0 if extra > 80 else max(0.0, extra / 2))

    def _offer_look_alikes(self, typed: str, offer: _Offer) -> None:
        """When no name matched word by word, the names the whole query looks most like:
        "hair dreser" -> "Hairdresser"."""
        if len(typed) < 4:
            return
        for _, score, position in process.extract(typed, self.compact_choices, scorer=fuzz.ratio,
                                                  score_cutoff=80, limit=10):
            name = self.names[self.compacts[position][1]]
            bonus = 10.0 if name.kind == TITLE else 0.0
            offer(name.entry, LOOKS_LIKE + float(score) + bonus - 10.0, name.text)

    def _text_relevance(self, tokens: list[str],
                        corrections: dict[str, list[str]]) -> dict[int, float]:
        """How well each job's text matches, 0 to 1 (best = 1), from FTS5's bm25 rank."""
        if self.connection is None:
            return {}
        groups = []
        for token in tokens:
            alternatives = sorted(spelling_variants(token) | set(corrections[token]))
            # Only plain [a-z0-9] words reach this point, and each is quoted: nothing a pupil
            # types can become an FTS5 operator.
            quoted = [f'"{word}"*' for word in alternatives]
            groups.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
        expression = " AND ".join(groups)
        try:
            rows = self.connection.execute(
                "SELECT rowid, rank FROM jobs_fts WHERE jobs_fts MATCH ? ORDER BY rank LIMIT 100",
                [expression]).fetchall()
        except sqlite3.Error:
            return {}
        if not rows:
            return {}
        best = min(rank for _, rank in rows)  # bm25: more negative is better
        relevance = {}
        for rowid, rank in rows:
            entry = self.by_rowid.get(rowid)
            if entry is not None:
                relevance[entry] = rank / best if best < 0 else 1.0
        return relevance


class _Offer(Protocol):
    """The callback each matching step reports a candidate job to."""

    def __call__(self, entry: int, score: float, name: str = "") -> None: ...
