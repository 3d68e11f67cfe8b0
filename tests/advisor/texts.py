"""The French text rules every text the advisor writes must follow (issue 12), as one checker.

- elision: "d'opérateur", "d'aide-soignante", "l'Isère", "qu'il", never "de opérateur";
- no slashed neutral forms ("animateur / animatrice"): rephrased;
- a no-break space before : ; ? ! % and », after «, and between thousands ("2 795");
- no raw address in a sentence (links go to `links`), no ISO date.
"""

from __future__ import annotations

import re

from bob_emploi.advisor import schema

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "elision",
        re.compile(r"(?<![\w'’-])(de|que|le|la|ne|se|jusque|lorsque|puisque) (?=[aeiouéèêàâîôûAEIOUÉÈÊÀÂÎÔÛ])"),
    ),
    ("slash", re.compile(r"\w / \w")),
    ("space before punctuation", re.compile(r"[ \t]([:;?!%»])")),
    ("space after «", re.compile(r"«[ \t]")),
    ("thousands", re.compile(r"(?<![\d,])\d{1,3}[ \t]\d{3}\b")),
    ("raw address", re.compile(r"https?://|www\.")),
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}-(0[1-9]|1[0-2])\b(?!-)")),
)


def all_texts(output: schema.AdvisorOutput) -> list[str]:
    """Every sentence a person reads in an output."""
    diagnostic = output.diagnostic
    texts = [diagnostic.main_challenge.title, diagnostic.main_challenge.explanation, diagnostic.score_note]
    texts += [sub.text for sub in diagnostic.sub_diagnostics]
    for advice in output.advice:
        texts += [advice.title, advice.summary, *advice.explanations, *advice.steps]
        texts += [link.label for link in advice.links]
    return [text for text in texts if text]


def french_problems(text: str) -> list[str]:
    # A ROME quote is the publisher's text, quoted as is: its own typography is not ours to fix.
    ours = re.sub(r"«\u00a0.*?\u00a0»", "«\u00a0…\u00a0»", text)
    return [f"{name}: {match.group(0)!r} in {text!r}" for name, rule in _RULES for match in rule.finditer(ours)]


def check_french(texts: list[str]) -> None:
    problems = [problem for text in texts for problem in french_problems(text)]
    assert not problems, "\n".join(problems)
