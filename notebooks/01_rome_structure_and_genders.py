# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. The ROME: structure, labels and genders
#
# Bob reasons about jobs with the **ROME** (*Répertoire opérationnel des métiers et des emplois*),
# France Travail's job referential: about 530 **job groups** (*fiches ROME*, code `A1101`: a letter
# A–N and four digits) holding about 11,000 **job titles** (*appellations*, code `code_ogr`).
# Job offers, statistics and training are filed by job group; people type job titles.
#
# This notebook shows what the raw files look like and what the build (`bob data build`, i.e.
# `bob_emploi.data.build_bundle`) does to them: it cleans labels, splits the masculine and feminine
# forms that the ROME writes together, repairs an upstream gap, and records everything it did in the
# bundle's `build_report` table. Everything below calls the pipeline's own functions: nothing is
# re-implemented here.
#
# It reads ROME v3 release **v347** (2021), the raw `rome/` folder. Bob's bundle is built from
# **ROME 4.0** when the raw data has it (`rome4/`): notebook 4 shows what changed and how the two
# versions link.

# %%
from collections import Counter

import matplotlib.pyplot as plt
import pandas as pd
from _bundle import get_v347_bundle, raw_data_dir
from IPython.display import Markdown, display

from bob_emploi.data import Referential, sources
from bob_emploi.data.csvread import read_csv
from bob_emploi.data.genderize import genderize, is_gender_variant
from bob_emploi.data.labels import AccentRestorer, clean_label, undouble_apostrophes
from bob_emploi.data.schema import TABLES

pd.set_option("display.max_colwidth", 110)
pd.set_option("display.width", 200)
plt.rcParams["figure.dpi"] = 90

result = get_v347_bundle()  # ROME v3 release v347, as this notebook describes
ref = Referential.load(result.path)
print(f"bundle {result.path.name}, checksum {result.checksum[:12]}…")
display(pd.Series(result.counts, name="rows").to_frame())

# %% [markdown]
# ## What the bundle holds
#
# The bundle is one read-only SQLite file. `bob_emploi.data.schema.TABLES` says what each table holds;
# the same docstrings are shown by `bob data info`.

# %%
tables = pd.DataFrame(
    [(name, sum(1 for _ in ref.iter_rows(name)), doc) for name, (_ddl, doc) in TABLES.items()],
    columns=["table", "rows", "what it holds"],
).set_index("table")
display(tables)

# %% [markdown]
# ## 14 domains, 530 job groups, 11,000 titles
#
# The first letter of a ROME code is its domain. The domain names are not in the raw files we import
# (the item tree is only a sample), so they are written here, as the ROME publishes them.

# %%
DOMAINS = {
    "A": "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux",
    "B": "Arts et façonnage d'ouvrages d'art",
    "C": "Banque, assurance, immobilier",
    "D": "Commerce, vente et grande distribution",
    "E": "Communication, média et multimédia",
    "F": "Construction, bâtiment et travaux publics",
    "G": "Hôtellerie-restauration, tourisme, loisirs et animation",
    "H": "Industrie",
    "I": "Installation et maintenance",
    "J": "Santé",
    "K": "Services à la personne et à la collectivité",
    "L": "Spectacle",
    "M": "Support à l'entreprise",
    "N": "Transport et logistique",
}
groups_per_domain = Counter(code[0] for code in ref.job_groups)
titles_per_domain = Counter(title.code_rome[0] for title in ref.job_titles.values())
domains = pd.DataFrame(
    {
        "domain": DOMAINS,
        "job groups": pd.Series(groups_per_domain),
        "job titles": pd.Series(titles_per_domain),
    }
).fillna(0)
domains["titles per group"] = (domains["job titles"] / domains["job groups"]).round(1)
display(domains)
assert set(groups_per_domain) == set(DOMAINS), "a job group outside domains A-N"

fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
domains["job groups"].plot.bar(ax=left, color="tab:blue", title="Job groups per ROME domain")
domains["job titles"].plot.bar(ax=right, color="tab:orange", title="Job titles per ROME domain")
for axis in (left, right):
    axis.set_xlabel("domain (first letter of the ROME code)")
    axis.tick_params(axis="x", rotation=0)
plt.tight_layout()
plt.show()

# %% [markdown]
# Industry (H), support functions (M) and transport (N) have the most job groups. Titles per job group
# vary a lot: some job groups are one trade, others a whole sector.

# %%
titles_per_group = pd.Series(Counter(title.code_rome for title in ref.job_titles.values())).reindex(
    list(ref.job_groups), fill_value=0
)
print(titles_per_group.describe().round(1).to_string())
fig, axis = plt.subplots(figsize=(9, 3.5))
titles_per_group.plot.hist(bins=range(0, titles_per_group.max() + 5, 5), ax=axis, color="tab:green")
axis.set_xlabel("job titles in the job group")
axis.set_ylabel("job groups")
axis.set_title("How many titles a job group has")
plt.show()
display(
    pd.DataFrame(
        [(code, ref.job_groups[code].name, count) for code, count in titles_per_group.nlargest(8).items()],
        columns=["code_rome", "job group", "titles"],
    )
)

# %% [markdown]
# ## The raw labels
#
# The raw job-title file has a long and a short label for each title. Both write the two grammatical
# genders in one string, in several notations, and a slash does not always mean gender. Read with
# the pipeline's own CSV reader (`bob_emploi.data.csvread.read_csv`, which checks columns and
# reports `file:line` on errors):

# %%
raw = raw_data_dir()
raw_titles = {
    row["code_ogr"]: row
    for row in read_csv(
        raw / sources.ROME_JOB_TITLES.path,
        ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome"],
        root=raw,
    )
}
EXAMPLES = {
    "20514": "slash, both words whole",
    "17433": "short label glues the slash: Ouvrier/Ouvrière",
    "126556": "short label with brackets: Technicien(ne)",
    "19662": "two gendered words before the slash",
    "10377": "two gender pairs in one label",
    "10202": "compound words, brackets (se) in the short label",
    "15189": "irregular pair: Garçon / Fille",
    "17807": "Italian feminine: -a",
    "13107": "a gender slash and a non-gender one (métro/RER)",
    "10931": "no gender at all: biologie/microbiologie",
    "17746": "slashes listing alternatives",
    "11862": "doubled apostrophe, capital without accent (Etat)",
}
display(
    pd.DataFrame(
        [
            (
                code,
                raw_titles[code]["libelle_appellation_long"],
                raw_titles[code]["libelle_appellation_court"],
                notation,
            )
            for code, notation in EXAMPLES.items()
        ],
        columns=["code_ogr", "raw long label", "raw short label", "notation"],
    ).set_index("code_ogr")
)

# %% [markdown]
# ### Cleaning: apostrophes and capital accents
#
# Every apostrophe is doubled in the files (`l''Etat`) and, by an old typewriter habit, capitals lose
# their accent (`Etat`, `Electricien`). `clean_label` undoes both; the `AccentRestorer` puts an `É`
# back only where the lowercase words of the whole ROME prove it (`éleveur`, `élevage` → `Éleveuse`),
# so `Enseignant` or `Expert` stay as they are. The build feeds it the texts, skills, titles and job
# group names; we do the same here and check we get the bundle's label.

# %%
text_rows = read_csv(raw / sources.ROME_TEXTS.path, ["libelle_texte"], root=raw)
skill_rows = read_csv(raw / sources.ROME_SKILLS.path, ["libelle_competence"], root=raw)
group_rows = read_csv(raw / sources.ROME_JOB_GROUPS.path, ["libelle_rome"], root=raw)
restorer = AccentRestorer(
    [row["libelle_texte"] for row in text_rows]
    + [row["libelle_competence"] for row in skill_rows]
    + [row["libelle_appellation_long"] for row in raw_titles.values()]
    + [row["libelle_rome"] for row in group_rows]
)
for raw_label in [
    raw_titles["11862"]["libelle_appellation_long"],
    "Eleveur / Eleveuse de chiens",
    "Enseignant / Enseignante",
    "Expert / Experte en électricité",
]:
    print(f"{raw_label!r:65} -> {clean_label(raw_label, restorer)!r}")
print(undouble_apostrophes("d''application"))
assert clean_label(raw_titles["11862"]["libelle_appellation_long"], restorer) == ref.job_titles["11862"].neutral

# %% [markdown]
# ## Genders: `genderize`
#
# `genderize(label)` returns a `GenderedLabel(masculine, feminine, problem)`. A slash counts as a gender
# mark only when the word after it is a gender variant of a word before it (`is_gender_variant`: same
# stem, a feminine ending, or a known irregular pair); otherwise it is kept as text, and `problem` says
# why when a spaced slash was not a gender mark. Here it is on the cleaned labels above, long and short:

# %%
rows = []
for code in EXAMPLES:
    for kind, column in (("long", "libelle_appellation_long"), ("short", "libelle_appellation_court")):
        label = clean_label(raw_titles[code][column], restorer)
        gendered = genderize(label)
        rows.append((code, kind, label, gendered.masculine, gendered.feminine, gendered.problem or ""))
display(
    pd.DataFrame(rows, columns=["code_ogr", "label", "cleaned", "masculine", "feminine", "problem"]).set_index(
        ["code_ogr", "label"]
    )
)

# %%
pairs = [
    ("Vendeur", "Vendeuse"),
    ("Directeur", "Directrice"),
    ("Garçon", "Fille"),
    ("Steward", "Hôtesse"),
    ("Accastilleur-gréeur", "Accastilleuse-gréeuse"),
    ("biologie", "microbiologie"),
    ("métro", "RER"),
    ("Groupiste", "groupman"),
]
display(pd.DataFrame([(m, f, is_gender_variant(m, f)) for m, f in pairs], columns=["word", "next word", "gender?"]))

# %% [markdown]
# ### Gendered or epicene?
#
# The bundle stores for each title its `neutral` label (the cleaned ROME label, both genders) and its
# `masculine` and `feminine` forms, long and short. Bob shows the gendered form when the user told us
# their gender (`JobTitle.title(gender)`), the neutral one otherwise. Many titles are epicene: the same
# word for both (`Accessoiriste`, `Actuaire`).

# %%
titles = pd.DataFrame(
    [(t.code_ogr, t.code_rome, t.neutral, t.masculine, t.feminine, t.frequency) for t in ref.job_titles.values()],
    columns=["code_ogr", "code_rome", "neutral", "masculine", "feminine", "frequency"],
).set_index("code_ogr")
titles["gendered"] = titles["masculine"] != titles["feminine"]
titles["slash kept"] = titles["masculine"].str.contains("/", regex=False)
share = titles["gendered"].value_counts().rename({True: "gendered", False: "epicene"})
print(share.to_string())
print(f"{share['gendered'] / len(titles):.0%} of titles have distinct masculine and feminine forms")
fig, axis = plt.subplots(figsize=(5, 3))
share.plot.barh(ax=axis, color=["tab:purple", "tab:gray"])
axis.set_xlabel("job titles")
axis.set_title("Titles with a distinct feminine form")
plt.show()
title = ref.job_titles["20514"]
print(title.title(), "|", title.title("masculine"), "|", title.title("feminine"))

# %% [markdown]
# Some titles keep a slash in their gendered forms: the slash separates alternatives, not genders.

# %%
display(titles.loc[titles["slash kept"], ["neutral", "masculine", "feminine"]].head(8))
print(f"{titles['slash kept'].sum()} titles keep a slash in their masculine form")

# %% [markdown]
# ## What the build report says
#
# The build never drops or guesses silently: every repair goes to the `build_report` table as
# `(step, subject, message)`. For the ROME step:

# %%
report = pd.DataFrame(result.report, columns=["step", "subject", "message"])


def kind_of(message: str) -> str:
    for key, kind in (
        ("capital accent restored", "capital accent restored"),
        ("slash kept as text", "slash kept as text"),
        ("job group missing", "job group repaired"),
        ("RIASEC", "no RIASEC"),
    ):
        if key in message:
            return kind
    return "other"


report["kind"] = report["message"].map(kind_of)
display(report.groupby(["step", "kind"]).size().rename("entries").to_frame())
notable = report[report["kind"].isin(["slash kept as text", "job group repaired", "other"])]
display(notable[["step", "subject", "message"]])

# %% [markdown]
# The accent restorations, most frequent first (`Etat → État` among them):

# %%
accents = report[report["kind"] == "capital accent restored"].copy()
accents["times"] = accents["message"].str.extract(r"\((\d+) times\)", expand=False).astype(int)
display(accents.nlargest(10, "times")[["subject", "message"]])
print(f"{len(accents)} distinct words, {accents['times'].sum()} replacements")

# %% [markdown]
# ### The repaired job group L1510
#
# ROME v347's job-group file lacks `L1510` *Films d'animation et effets spéciaux*, although titles,
# RIASEC, texts and mobility links use it. The build adds it back (name from the published sheet) with
# `repaired = 1`, instead of crashing or dropping its titles:

# %%
l1510 = ref.job_groups["L1510"]
print(l1510)
print(f"{len(ref.titles_of('L1510'))} titles, e.g.:", ", ".join(t.neutral for t in ref.titles_of("L1510")[:4]))
print("definition:", ref.texts("L1510").get("definition", ["(none)"])[0][:200], "…")

# %% [markdown]
# ## What a job-group sheet holds
#
# Texts, skills and work environments stay in SQLite and are read on demand. For instance *Boulangerie -
# viennoiserie*:

# %%
code = "D1102"
print(code, ref.job_groups[code].name)
for kind, texts in ref.texts(code).items():
    print(f"- {kind}: {texts[0][:150]}…")
print("skills:", [skill.label for skill in ref.skills(code)[:5]], "…")
for section, labels in ref.work_environments(code).items():
    print(f"- {section}: {', '.join(labels[:4])}")

# %% [markdown]
# ## Which titles people choose
#
# `frequency` is how often users chose each title in Bayes Impact's JobSuggest (0 when never or
# unknown). JobSuggest ranks its suggestions with it. The distribution is very skewed: a few titles
# get most choices, and a third of the ROME was never chosen at all.

# %%
frequencies = titles["frequency"].sort_values(ascending=False)
chosen = frequencies[frequencies > 0]
never = (frequencies == 0).mean()
print(f"{len(chosen)} titles chosen at least once, {never:.0%} never chosen; {chosen.sum():,} choices in all")
print(f"the 100 most chosen titles get {chosen.head(100).sum() / chosen.sum():.0%} of the choices")
fig, axis = plt.subplots(figsize=(8, 4))
axis.loglog(range(1, len(chosen) + 1), chosen.to_numpy(), color="tab:red")
axis.set_xlabel("rank of the title")
axis.set_ylabel("times chosen")
axis.set_title(f"Job-title frequency vs rank (log-log); {never:.0%} of titles never chosen")
plt.show()
display(titles.nlargest(10, "frequency")[["code_rome", "neutral", "frequency"]])

# %% [markdown]
# ## RIASEC interests
#
# Each job group has a major and a minor Holland (RIASEC) interest: **R**éaliste, **I**nvestigateur,
# **A**rtistique, **S**ocial, **E**ntreprenant, **C**onventionnel. The ROME is dominated by realistic
# (hands-on) jobs.

# %%
riasec = pd.DataFrame(
    [(g.riasec_major, g.riasec_minor) for g in ref.job_groups.values()], columns=["major", "minor"]
).replace("", "(none)")
order = [letter for letter in "RIASEC" if letter in set(riasec["major"]) | set(riasec["minor"])]
crossed = pd.crosstab(riasec["major"], riasec["minor"]).reindex(index=order, columns=order, fill_value=0)
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
riasec["major"].value_counts().reindex(order).plot.bar(ax=left, color="tab:cyan", title="Major interest")
left.set_ylabel("job groups")
left.tick_params(axis="x", rotation=0)
image = right.imshow(crossed.to_numpy(), cmap="Blues")
right.set_xticks(range(len(order)), order)
right.set_yticks(range(len(order)), order)
right.set_xlabel("minor")
right.set_ylabel("major")
right.set_title("Major × minor")
for (row, column), value in pd.DataFrame(crossed.to_numpy()).stack().items():
    right.text(column, row, str(value), ha="center", va="center", fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## The mobility graph
#
# The ROME links job groups people can move between: `close` (a similar job, the same skills) and
# `evolution` (a step up). Some links are between specific titles rather than whole groups.

# %%
mobility = pd.DataFrame(
    list(ref.iter_rows("mobility")),
    columns=["source_rome", "target_rome", "kind", "source_title", "target_title", "position"],
)
mobility["between"] = mobility["source_title"].notna().map({True: "titles", False: "job groups"})
display(pd.crosstab(mobility["kind"], mobility["between"], margins=True))
degree = (
    pd.concat(
        [
            mobility.groupby("source_rome").size().rename("outgoing"),
            mobility.groupby("target_rome").size().rename("incoming"),
        ],
        axis=1,
    )
    .fillna(0)
    .astype(int)
)
degree["links"] = degree.sum(axis=1)
degree["job group"] = [ref.job_groups[code].name for code in degree.index]
isolated = sorted(set(ref.job_groups) - set(degree.index))
print(f"{len(isolated)} job groups without any mobility link:", ", ".join(isolated[:10]) or "none")
display(degree.nlargest(10, "links"))

fig, axis = plt.subplots(figsize=(8, 3.5))
counts = mobility.groupby(["kind", "source_rome"]).size().unstack(0).fillna(0)
counts.plot.hist(bins=range(0, int(counts.to_numpy().max()) + 2), alpha=0.6, ax=axis)
axis.set_xlabel("outgoing links of a job group")
axis.set_ylabel("job groups")
axis.set_title("Mobility links per job group")
plt.show()

# %% [markdown]
# The most connected job group, *Formation professionnelle* (`K2111`), is mostly a destination: the
# ROME lists training others as the natural step up for experienced people of many trades.
#
# `Referential.mobility(code)` is how the rest of Bob reads it, e.g. from *Boulangerie - viennoiserie*:

# %%
display(
    pd.DataFrame(
        [
            (
                link.kind,
                link.target_rome,
                ref.job_groups[link.target_rome].name,
                ref.job_titles[link.target_title].neutral if link.target_title else "(whole group)",
            )
            for link in ref.mobility("D1102")
        ],
        columns=["kind", "target", "job group", "target title"],
    )
)
ref.close()
display(Markdown("Next: [02, ROME ↔ FAP and BMO](02_rome_fap_and_bmo.ipynb)."))
