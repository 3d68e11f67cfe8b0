"""Import of DARES's FAP 2009 job families and their crosswalk from the ROME.

Labour statistics (BMO, hiring channels) are published per FAP, not per ROME
job group. DARES distributes the crosswalk as SAS `proc format` source text
(latin-1 with Windows extras, CRLF), in two tables:

- `$FAP9RSQ`: job groups whose FAP does not depend on qualification,
  `"A1403","A1407" = "A0Z41"`;
- `$FAP9RAQ`: the others, keyed by job group + qualification digit,
  `"D11010","D11013" = "S0Z40"` (D1101 with qualification 0 or 3 -> S0Z40).

The labels file holds one `value $FAP9_xL` block per level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Tables
from bob_emploi.data.csvread import read_text
from bob_emploi.data.errors import RawDataError

STEP = "fap"
# Announced as latin-1, but written on Windows: byte 0x9C is the "œ" of "gros œuvre".
_ENCODING = "cp1252"
_VALUE = re.compile(r"^\s*value\s+\$(\w+)", re.IGNORECASE)
_QUOTED = re.compile(r'"([^"]*)"')
_MAPPING = re.compile(r'^\s*((?:"[^"]*"\s*,?\s*)+)=\s*"([^"]*)"\s*;?\s*$')
_OTHER = re.compile(r"^\s*other\s*=", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/")
_FAP_CODE = re.compile(r"^[A-Z]\d[A-Z]\d\d$")
_LABEL_LEVELS = {"FAP9_1L": "domain", "FAP9_3L": "family", "FAP9_5L": "job_family"}


def _blocks(text: str, file: str) -> Iterator[tuple[str, int, list[str], str]]:
    """(block name, line, keys, value) for each mapping line of each `value` block."""
    block = None
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", raw_line).strip()
        if not line or line.startswith("*") or line.lower().startswith(("proc format", "run;")):
            continue
        value = _VALUE.match(line)
        if value:
            block = value.group(1).upper()
            continue
        if _OTHER.match(line):
            block = None
            continue
        mapping = _MAPPING.match(line)
        if mapping is None:
            if block is None:
                continue  # text outside blocks, e.g. unterminated comments' tails
            raise RawDataError(file, number, None, f"unexpected SAS format line in ${block}: {raw_line.strip()!r}")
        if block is None:
            raise RawDataError(file, number, None, "mapping outside a `value` block")
        yield block, number, _QUOTED.findall(mapping.group(1)), mapping.group(2)


def _require_run_statement(text: str, file: str) -> None:
    """A SAS format file ends with `run;`: a file cut at a line break before it is a truncated download."""
    if not text.rstrip().lower().endswith("run;"):
        raise RawDataError(file, text.count("\n") + 1, None, "no closing `run;`: truncated download?")


def import_fap(context: BuildContext, job_groups: set[str], parents: Mapping[str, str] | None = None) -> Tables:
    """The FAP tables; `parents` maps ROME 4.0 job groups to the v3 fiche they derive from, whose FAP they take."""
    crosswalk_file = sources.FAP_CROSSWALK.path
    text = read_text(context.path(sources.FAP_CROSSWALK), encoding=_ENCODING, root=context.raw_dir)
    _require_run_statement(text, crosswalk_file)
    links: dict[tuple[str, str, str], int] = {}
    for block, line, keys, fap in _blocks(text, crosswalk_file):
        if block not in {"FAP9RSQ", "FAP9RAQ"}:
            continue
        if not _FAP_CODE.match(fap):
            raise RawDataError(crosswalk_file, line, "fap", f"{fap!r} is not a FAP 2009 code")
        for key in keys:
            expected = 5 if block == "FAP9RSQ" else 6
            if len(key) != expected:
                raise RawDataError(crosswalk_file, line, "rome", f"{key!r}: expected {expected} characters in ${block}")
            code_rome, qualification = key[:5], key[5:]
            links.setdefault((code_rome, fap, qualification), line)
    context.record(sources.FAP_CROSSWALK, len(links))

    labels_file = sources.FAP_LABELS.path
    text = read_text(context.path(sources.FAP_LABELS), encoding=_ENCODING, root=context.raw_dir)
    _require_run_statement(text, labels_file)
    faps: dict[str, tuple[str, str]] = {}
    for block, _line, keys, label in _blocks(text, labels_file):
        level = _LABEL_LEVELS.get(block)
        if level is None:
            continue
        for key in keys:
            faps[key] = (level, " ".join(label.split(" : ", 1)[-1].split()))
    context.record(sources.FAP_LABELS, len(faps))

    inherited = _inherit_from_parents(links, job_groups, parents or {})
    if inherited:
        context.note(STEP, "rome", f"{inherited} ROME 4.0 job groups take the FAP of their ROME v3 parent")
    # The crosswalk and the ROME must speak of the same job groups: another file under this name
    # would not. (A small referential may have groups the crosswalk does not map: not checked.)
    crosswalk_codes = {code for code, _, _ in links}
    context.require_coverage(
        sources.FAP_CROSSWALK,
        len(crosswalk_codes & job_groups),
        len(crosswalk_codes),
        0.5,
        "ROME codes of the crosswalk that are job groups of this ROME",
    )
    context.require_coverage(
        sources.FAP_LABELS,
        len({fap for _, fap, _ in links} & set(faps)),
        len({fap for _, fap, _ in links}),
        0.9,
        "FAP codes of the crosswalk with a label",
    )
    unknown_romes = sorted({code for code, _, _ in links if code not in job_groups})
    if unknown_romes:
        context.note(
            STEP,
            "rome",
            f"{len(unknown_romes)} ROME codes of the crosswalk are not job groups of this ROME version: "
            + ", ".join(unknown_romes),
        )
    unlabelled = sorted({fap for _, fap, _ in links if fap not in faps})
    for fap in unlabelled:
        context.note(STEP, fap, "FAP used by the crosswalk has no label")
    missing = sorted(job_groups - {code for code, _, _ in links})
    if missing:
        context.note(STEP, "rome", f"{len(missing)} job groups have no FAP: " + ", ".join(missing))

    return {
        "fap": sorted((code, level, label) for code, (level, label) in faps.items()),
        "rome_fap": sorted(key for key in links if key[0] in job_groups),
    }


def _inherit_from_parents(
    links: dict[tuple[str, str, str], int], job_groups: set[str], parents: Mapping[str, str]
) -> int:
    """Adds to `links` the FAP of each job group's v3 parent when the crosswalk lacks the group itself."""
    by_code: dict[str, list[tuple[str, str, str]]] = {}
    for key in links:
        by_code.setdefault(key[0], []).append(key)
    inherited = 0
    for code in sorted(job_groups - set(by_code)):
        parent_links = by_code.get(parents.get(code, code), [])
        for _, fap, qualification in parent_links:
            links.setdefault((code, fap, qualification), links[parents[code], fap, qualification])
        inherited += bool(parent_links)
    return inherited
