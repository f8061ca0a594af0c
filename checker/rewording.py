"""One suggested rewording per flagged sentence, fixing all of its flagged phrases together.

Each phrase rule proposes an edit of the words it flags ("eliminates" -> "may help
relieve"); applied one at a time they leave the sentence's other problems in place and the
grammar broken ("Studies have suggests", "completely may help relieve"). Here a sentence's
edits are applied together and the result is tidied: the new verb takes the form of the
one it replaces, intensifiers left before a hedge go, modals and forms of "be" that a hedge
makes redundant collapse ("is may reduce" -> "may reduce"), articles agree, doubled words
and articles stranded before punctuation are dropped. A rewording that still reads badly is
not offered: no suggestion is better than a broken one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from checker.rules.base import Edit

INTENSIFIERS = frozenset({"completely", "totally", "entirely", "fully", "absolutely", "really",
                          "truly", "permanently", "quickly", "instantly", "immediately",
                          "dramatically", "drastically", "utterly", "100%", "always", "now",
                          "definitely", "certainly", "highly", "extremely", "incredibly",
                          "amazingly", "simply", "finally"})
HEDGES = ("may", "some", "might", "can", "could", "supported", "generally", "usually",
          "few", "many", "relief", "option", "an", "a", "more", "eased", "help")
_MODAL_BEFORE_MAY = re.compile(
    r"\b(?:will|'ll|can|could|would|should|shall|must|is|are|was|were|be|been|has been|have "
    r"been|had been)\s+(may|might)\b", re.IGNORECASE)
_MAY_TO = re.compile(r"\b(may|might)\s+to\b", re.IGNORECASE)
_TO_MAY = re.compile(r"\bto\s+(?:may|might)\s+", re.IGNORECASE)
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(a|an)\s+(\w)", re.IGNORECASE)
_STRANDED = re.compile(r"\b(?:a|an|the)\s*(?=[,.;:!?)]|$)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]{2,}")
_DOUBLE_PUNCT = re.compile(r"[,;:]\s*([.!?,;:])")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+([.,;:!?])")
_EMPTY_MARKUP = re.compile(r"\*\*\s*\*\*|__\s*__|(?<!\*)\*\s+\*(?!\*)|<(b|strong|em|i)>\s*</\1>")
_WORD = re.compile(r"[A-Za-z'%-]+")
_VOWEL_SOUND = re.compile(r"[aeiou]|h(?:our|onest)", re.IGNORECASE)
_CONSONANT_SOUND = re.compile(r"u(?:s|ni|ti)|eu|one", re.IGNORECASE)  # "a useful", "a one-off"
DANGLING_END = frozenset({"and", "or", "but", "the", "a", "an", "to", "of", "for", "with", "than",
                          "that", "by", "from", "in", "on", "at", "as", "is", "are", "was",
                          "were", "be", "been", "very", "so", "your", "our", "my"})
# a form of "be" running straight into a preposition: what a deleted predicate leaves
# ("This has been life-changing for me" -> "This has been for me"); and a relief verb doing
# the same where a noun was replaced ("The Natural Cure for X" -> "... relieve for X")
_BARE_VERB = re.compile(r"\b(?:is|are|was|were|been|be|relieve|ease|reduce)\s+"
                      r"(?:for|to|in|with|on|at|of|by)\b", re.IGNORECASE)

MIN_WORDS = 2
DEGREE = frozenset({"most", "more", "very", "so", "too", "really", "incredibly", "truly",
                    "extremely", "super"})  # deleted with the adjective they grade
_MODAL = re.compile(r"\b(?:can|could|will|would|may|might|should|must)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,.;:!?]")


def reword(text: str, start: int, edits: Iterable[Edit]) -> str | None:
    """``text`` (which starts at file offset ``start``) with the edits applied together;
    None when no edit changes it or the result would not read as a sentence."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if chosen and edit.start < chosen[-1].end:
            continue  # overlapping edits: the first (widest) one wins
        chosen.append(edit)
    if not chosen:
        return None
    parts, cursor = [], 0
    for edit in chosen:
        before = text[cursor:edit.start - start]
        replaced = text[edit.start - start:edit.end - start]
        replacement = inflected(edit.replacement, replaced)
        first = replacement.split()[0].lower() if replacement.split() else ""
        if not replacement or first in HEDGES:
            before = _without_trailing(before, DEGREE if not replacement else INTENSIFIERS)
        if first in ("usually", "generally") and re.search(r"\b(?:a|an)\s*$", before):
            return None  # "a harmless mark" is no place for "usually well tolerated"
        if first == "may" and _modal_in_clause(text[:edit.start - start]):
            replacement = replacement[4:]  # "can help slow and even reverse" keeps its modal
        parts += [before, replacement]
        cursor = edit.end - start
    parts.append(text[cursor:])
    sentence = tidy("".join(parts))
    if sentence == text.strip() or not reads_well(sentence, text):
        return None
    return sentence[:1].upper() + sentence[1:]


def inflected(replacement: str, replaced: str) -> str:
    """The replacement's first word in the form of the word it replaces when that word is a
    verb form ("proves" -> "suggests", "proved" -> "suggested", "prove" -> "suggest")."""
    words = replacement.split(" ", 1)
    if not words[0] or not replaced or " " in replaced.strip():
        return replacement
    old = replaced.strip().lower()
    if old.endswith("ing") and words[0].lower() == "may" and len(words) > 1:
        words = words[1].split(" ", 1)  # "boosting" -> "supporting", not "may support"
        verb = base_form(words[0])
        if verb is None:
            return replacement
        return _cased(" ".join([_gerund(verb), *words[1:]]), replaced)
    new = base_form(words[0])
    if new is None:
        return _cased(replacement, replaced)
    if old in PARTICIPLES or (old.endswith(("ed", "en", "wn")) and not old.endswith("need")):
        form = _past(new)
    elif old.endswith("s") and not old.endswith("ss"):
        form = _third_person(new)
    else:
        form = new
    form = form[:1].upper() + form[1:] if words[0][:1].isupper() else form
    return _cased(" ".join([form, *words[1:]]), replaced)


PARTICIPLES = frozenset({"gone", "shown", "proven", "done", "seen", "given", "known", "taken",
                         "been", "found", "made", "left"})


def _cased(replacement: str, replaced: str) -> str:
    """In capitals where the words it replaces were ("BURNS FAT" is a headline)."""
    letters = [c for c in replaced if c.isalpha()]
    return replacement.upper() if len(letters) > 1 and all(c.isupper() for c in letters) else (
        replacement)


def _gerund(verb: str) -> str:
    return (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"


_VERBS = frozenset({"suggest", "indicate", "help", "support", "ease", "relieve", "reduce",
                    "improve", "soothe", "calm", "show"})


def base_form(word: str) -> str | None:
    """The base form of a replacement verb this module knows how to inflect."""
    lower = word.lower()
    for verb in _VERBS:
        if lower in (verb, _third_person(verb), _past(verb)):
            return verb
    return None


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _without_trailing(before: str, words_to_drop: frozenset[str]) -> str:
    """``before`` without a word of ``words_to_drop`` right before the edit ("completely"
    in "completely eliminates", "most" in "most powerful antioxidant")."""
    stripped = before.rstrip()
    words = stripped.split()
    if words and words[-1].lower().strip("*_") in words_to_drop:
        return stripped[:len(stripped) - len(words[-1])]
    return before


def tidy(text: str) -> str:
    text = _EMPTY_MARKUP.sub("", text)
    text = _MODAL_BEFORE_MAY.sub(r"\1", text)
    text = _MAY_TO.sub(r"\1", text)
    text = _TO_MAY.sub("to ", text)
    text = _DOUBLED.sub(r"\1", text)
    text = _STRANDED.sub("", text)
    text = _ARTICLE.sub(_agree, text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    text = _DOUBLE_PUNCT.sub(r"\1", text)
    return re.sub(r"^[,;:\s]+", "", text)


def _modal_in_clause(before: str) -> bool:
    """A modal verb in the clause that ends where an edit starts ("can help slow and even
    ...")."""
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    return bool(_MODAL.search(before, ends[-1] if ends else 0))


def _repeats(text: str) -> bool:
    """Whether a pair of consecutive words occurs twice ("well tolerated ... well
    tolerated")."""
    words = [w.lower() for w in _WORD.findall(text)]
    pairs = list(itertools.pairwise(words))
    return len(set(pairs)) < len(pairs)


def _agree(match: re.Match[str]) -> str:
    article, following = match.group(1), match.group(2)
    rest = match.string[match.start(2):match.start(2) + 6]
    vowel = bool(_VOWEL_SOUND.match(rest)) and not _CONSONANT_SOUND.match(rest)
    wanted = "an" if vowel else "a"
    if article[0].isupper():
        wanted = wanted.capitalize()
    return f"{wanted} {following}"


def reads_well(sentence: str, original: str | None = None) -> bool:
    """At least a few words, no word doubled, no phrase repeated that ``original`` did not
    repeat, no bare "is for", not ending on a word that needs another."""
    words = _WORD.findall(sentence)
    if len(words) < MIN_WORDS or _DOUBLED.search(sentence) or _BARE_VERB.search(sentence):
        return False
    if _repeats(sentence) and not _repeats(original or ""):
        return False
    last = re.sub(r"[^\w'%-]+$", "", sentence).split()
    return not last or last[-1].lower() not in DANGLING_END
