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
# # 2. From ROME job groups to FAP job families, and the BMO survey
#
# Bob reasons per ROME **job group** (notebook 1). But France's labour statistics are not published per
# job group: DARES (the labour ministry's statistics office) and France Travail's **BMO** survey
# (*Besoins en main-d'œuvre*, employers' hiring projects) count per **FAP 2009** job family
# (*familles professionnelles*, code `A0Z43`). To tell someone "employers of your area plan N hirings
# in your trade", Bob must go from job group to FAP: that is DARES's ROME → FAP crosswalk, imported
# by `bob_emploi.data.fap.import_fap` into the bundle tables `fap` and `rome_fap`.
#
# The second half of this notebook runs the BMO import on the **format sample** shipped with the raw
# data. Those figures are a format sample, not real statistics: they only show how the import works.
# The real BMO surveys (2023–2025) and the DARES tension indicators, and how they reach a ROME 4.0
# job group, are in notebook 5.

# %%
import shutil
from collections import Counter

import matplotlib.pyplot as plt
import pandas as pd
from _bundle import get_v347_bundle, raw_data_dir, workdir
from IPython.display import Markdown, display

from bob_emploi.data import Referential, build_bundle, sources
from bob_emploi.data import fap as fap_import
from bob_emploi.data.csvread import read_text
from bob_emploi.data.schema import TABLES

pd.set_option("display.max_colwidth", 100)
pd.set_option("display.width", 200)
plt.rcParams["figure.dpi"] = 90

result = get_v347_bundle()  # ROME v3 release v347, as this notebook describes
ref = Referential.load(result.path)
for table in ("fap", "rome_fap", "bmo"):
    print(f"{table}: {TABLES[table][1]}\n")

# %% [markdown]
# ## The raw crosswalk: SAS source text
#
# DARES distributes the crosswalk as the source of a SAS `proc format`, in Windows encoding with CRLF
# line ends (announced as ISO-8859-1, but byte `0x9C` is the `œ` of *gros œuvre*: the importer reads it
# as cp1252). Its header explains, in French, the two tables:

# %%
raw = raw_data_dir()
crosswalk_text = read_text(raw / sources.FAP_CROSSWALK.path, encoding=fap_import._ENCODING, root=raw)
lines = crosswalk_text.splitlines()
print("\n".join(lines[:19]))

# %% [markdown]
# - **`$FAP9RSQ`** (*ROME sans qualification*): job groups whose FAP does not depend on the person's
#   qualification. `"A1403","A1407",… = "A0Z41"`.
# - **`$FAP9RAQ`** (*ROME avec qualification*): the other job groups, keyed by job group **+ one
#   qualification digit** (France Travail's qualification level, from unskilled worker to executive):
#   `"D11010","D11013" = "S0Z40"` reads "D1101 with qualification 0 or 3 → S0Z40".
#
# The first lines of each block, as the raw file has them and as the importer's parser
# (`fap._blocks`, the function `import_fap` uses) reads them:

# %%
parsed = {(block, line): (keys, value) for block, line, keys, value in fap_import._blocks(crosswalk_text, "crosswalk")}
shown = []
for block in ("FAP9RSQ", "FAP9RAQ"):
    for (name, line), (keys, value) in list((k, v) for k, v in parsed.items() if k[0] == block)[:4]:
        shown.append((f"${name}", line, lines[line - 1].strip(), ", ".join(keys), value))
display(pd.DataFrame(shown, columns=["block", "line", "raw text", "keys", "FAP"]))
print(Counter(block for block, _line in parsed), "mapping lines")

# %% [markdown]
# ## The crosswalk in the bundle
#
# `rome_fap` holds one row per (job group, FAP, qualification); `qualification` is empty for `$FAP9RSQ`
# rows. `fap` holds the labels at every level (22 domains, 87 families, 225 job families).
# `JobGroup.fap_codes` gives the distinct FAP of a job group.

# %%
rome_fap = pd.DataFrame(list(ref.iter_rows("rome_fap")), columns=["code_rome", "code_fap", "qualification"])
fap_labels = pd.DataFrame(list(ref.iter_rows("fap")), columns=["code", "level", "label"]).set_index("code")
print(fap_labels["level"].value_counts().to_string())
rome_fap["table"] = rome_fap["qualification"].map(lambda q: "$FAP9RAQ (with qualification)" if q else "$FAP9RSQ")
by_table = rome_fap.groupby("table")["code_rome"].nunique().rename("job groups")
display(by_table.to_frame())
both = set(rome_fap.loc[rome_fap["qualification"] == "", "code_rome"]) & set(
    rome_fap.loc[rome_fap["qualification"] != "", "code_rome"]
)
print(f"job groups in both tables: {len(both)}")

# %% [markdown]
# For instance *Boucherie* (`D1101`): the qualification digit decides between unskilled and skilled
# butchers.

# %%
boucherie = rome_fap[rome_fap["code_rome"] == "D1101"]
display(
    boucherie.groupby("code_fap")["qualification"]
    .agg(" ".join)
    .rename("qualification digits")
    .to_frame()
    .join(fap_labels["label"])
)
print(ref.job_groups["D1101"])

# %% [markdown]
# ## How job groups and FAP match
#
# Most job groups have one FAP; the others have two or three, depending on qualification. The other
# way round, a FAP usually gathers several job groups: a BMO figure read for a job group is the figure
# of its **whole FAP**.

# %%
fap_per_group = pd.Series({code: len(group.fap_codes) for code, group in ref.job_groups.items()})
groups_per_fap = rome_fap.groupby("code_fap")["code_rome"].nunique()
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
fap_per_group.value_counts().sort_index().plot.bar(ax=left, color="tab:blue")
left.set_xlabel("distinct FAP of the job group")
left.set_ylabel("job groups")
left.set_title("FAP per ROME job group")
left.tick_params(axis="x", rotation=0)
groups_per_fap.plot.hist(bins=range(1, groups_per_fap.max() + 2), ax=right, color="tab:orange")
right.set_xlabel("ROME job groups mapped to the FAP")
right.set_ylabel("FAP job families")
right.set_title("Job groups per FAP")
plt.tight_layout()
plt.show()
print(fap_per_group.value_counts().sort_index().to_string())

# %% [markdown]
# The FAP that gather the most job groups:

# %%
display(groups_per_fap.nlargest(8).rename("job groups").to_frame().join(fap_labels["label"]))
example = groups_per_fap.idxmax()
print(
    f"{example}:",
    "; ".join(sorted({ref.job_groups[c].name for c in rome_fap.loc[rome_fap.code_fap == example].code_rome})),
)

# %% [markdown]
# Job groups without any FAP would have no BMO figure at all; the build lists them in its report.
# FAP job families that no job group reaches exist too: mostly self-employed trades (*indépendants*),
# which job seekers do not register for.

# %%
without_fap = sorted(code for code, group in ref.job_groups.items() if not group.fap_codes)
print(f"{len(without_fap)} job groups without FAP:", ", ".join(without_fap) or "none in this release")
print("L1510 (repaired in notebook 1):", ref.job_groups["L1510"].fap_codes)
fap_report = [entry for entry in result.report if entry[0] == fap_import.STEP]
print("build report, fap step:", fap_report or "nothing to report")
job_families = fap_labels[fap_labels["level"] == "job_family"]
unreached = job_families[~job_families.index.isin(rome_fap["code_fap"])]
print(f"{len(unreached)} of {len(job_families)} FAP job families are reached by no job group, e.g.:")
display(unreached.head(8)[["label"]])

# %% [markdown]
# ## The BMO import, on the format sample
#
# **Everything below uses the format samples in `market-samples/`: format sample, not real
# statistics.** The real BMO and IMT files are not in the raw-data directory (Bob's bundle says
# `market_available = 0` then, and the product says it has no figures); the samples have the real
# files' columns, so that the importers can be tested.
#
# We make a temporary raw directory: a copy of the real raw data, plus the samples where the build looks
# for the real files (`bmo/bmo.csv`, `imt/*.csv`), and build a second bundle from it.

# %%
sample_raw = workdir() / "raw-with-market-samples"
shutil.rmtree(sample_raw, ignore_errors=True)
shutil.copytree(raw, sample_raw)
samples = raw / "market-samples"
for sample, source in (
    ("bmo.sample.csv", sources.BMO),
    ("imt_market_score.sample.csv", sources.IMT_MARKET_SCORE),
    ("imt_employment_type.sample.csv", sources.IMT_EMPLOYMENT_TYPE),
    ("imt_application_modes.sample.csv", sources.IMT_APPLICATION_MODES),
):
    target = sample_raw / source.path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(samples / sample, target)
    print(f"market-samples/{sample} -> {source.path}")
sample_result = build_bundle(sample_raw, workdir() / "bundle-with-market-samples.sqlite", quiet=True)
sample_ref = Referential.load(sample_result.path)
print("market_available:", sample_ref.market_available, "(format sample, not real statistics)")
display(pd.Series({k: v for k, v in sample_result.counts.items() if k.startswith("market_")}, name="rows").to_frame().T)
display(pd.DataFrame([e for e in sample_result.report if e[0] == "market"], columns=["step", "subject", "message"]))

# %% [markdown]
# ### The raw BMO rows (format sample, not real statistics)
#
# One row per **catchment area** (*bassin d'emploi*) × FAP, with the number of hiring projects, how many
# employers expect difficulty, and how many are seasonal. Note the département written `2` instead of
# `02`, and `*` for figures withheld by statistical secrecy.

# %%
bmo_raw = pd.read_csv(samples / "bmo.sample.csv", dtype=str, keep_default_na=False)
display(
    bmo_raw[
        [
            "CATCHMENT_AREA_CODE",
            "CATCHMENT_AREA_NAME",
            "FAP_CODE",
            "DEPARTEMENT_CODE",
            "NB_RECRUT_PROJECTS",
            "NB_DIFF_RECRUT_PROJECTS",
            "NB_SEASON_RECRUT_PROJECTS",
        ]
    ]
)

# %% [markdown]
# ### Catchment areas summed per département
#
# Catchment areas nest in départements, and Bob's places are départements, so the import sums them per
# FAP × département (`2` becomes `02`; withheld `*` figures are counted in `withheld` and left out of the
# sums, which are unknown — NULL — when nothing else was published). In the sample,
# `A2Z70` has two catchment areas in Guadeloupe (Sainte-Rose and Bouillante): the bundle has one row
# with their sum.

# %%
bmo = pd.DataFrame(
    list(sample_ref.iter_rows("bmo")),
    columns=["code_fap", "departement", "projects", "difficult", "seasonal", "withheld"],
)
display(bmo)
numbers = bmo_raw.assign(projects=pd.to_numeric(bmo_raw["NB_RECRUT_PROJECTS"], errors="coerce").fillna(0))
guadeloupe = numbers[(numbers.FAP_CODE == "A2Z70") & (numbers.DEPARTEMENT_CODE == "971")]
print("A2Z70 in 971, per catchment area:", dict(zip(guadeloupe.CATCHMENT_AREA_NAME, guadeloupe.projects, strict=True)))
bundled = bmo.loc[(bmo.code_fap == "A2Z70") & (bmo.departement == "971"), "projects"].item()
print(f"in the bundle: {bundled:.4f} (sum {guadeloupe.projects.sum():.4f})")

# %% [markdown]
# Mind the last row: in Haute-Corse (`2B`) all three `V2Z92` figures were withheld (`*`); the bundle stores
# them as unknown (NaN here, NULL in SQLite) with `withheld = 3`, so "withheld" stays distinct from "none".
# Where only some catchment areas were withheld, the sums are lower bounds (`withheld > 0`). An empty cell
# (no seasonal figure) becomes 0.

# %%
fig, axis = plt.subplots(figsize=(9, 4))
bmo.set_index(bmo["code_fap"] + " / " + bmo["departement"])[["projects", "difficult", "seasonal"]].plot.barh(ax=axis)
axis.set_xlabel("hiring projects")
axis.set_ylabel("FAP / département")
axis.set_title("BMO per FAP × département: FORMAT SAMPLE, NOT REAL STATISTICS")
plt.tight_layout()
plt.show()

# %% [markdown]
# ### Read per job group, through `rome_fap`
#
# To show BMO figures for a job group, join `rome_fap`. Two caveats Bob must carry to the screen:
#
# 1. the figure is **that of the whole FAP**, shared by every job group mapped to it (below, the same
#    number for several job groups);
# 2. for `$FAP9RAQ` job groups the FAP depends on the person's qualification: without it, a job group
#    may get figures from two FAP.
#
# (Format sample, not real statistics.)

# %%
per_group = (
    rome_fap[["code_rome", "code_fap", "qualification"]]
    .merge(bmo, on="code_fap")
    .groupby(["code_rome", "code_fap", "departement", "projects"], as_index=False)["qualification"]
    .agg(lambda q: " ".join(sorted(q)) or "(any)")
)
per_group["job group"] = per_group["code_rome"].map(lambda code: ref.job_groups[code].name)
per_group["job groups sharing the FAP"] = per_group["code_fap"].map(groups_per_fap)
display(per_group[per_group.departement == "971"].sort_values(["code_fap", "code_rome"]).head(15))

fig, axis = plt.subplots(figsize=(9, 3.5))
shared = per_group[per_group.departement == "971"].groupby("code_fap")["code_rome"].nunique()
shared.plot.bar(ax=axis, color="tab:gray")
axis.set_ylabel("job groups showing this figure")
axis.set_title("Job groups reading the same FAP figure in 971 (format sample, not real statistics)")
axis.tick_params(axis="x", rotation=0)
plt.show()

# %% [markdown]
# ### IMT figures: per job group directly
#
# IMT tables (offers, applicants, contracts) are keyed by job group and département already, so
# `Referential.market(code_rome, departement)` reads them without the FAP (format sample, not real
# statistics). Hiring channels, though, are per FAP again.

# %%
stats = pd.DataFrame(list(sample_ref.iter_rows("market_stats")))
first_code, first_departement = stats.iloc[0, 0], stats.iloc[0, 1]
print("format sample, not real statistics:", sample_ref.market(first_code, first_departement))
print("the real bundle has no market data:", ref.market(first_code, first_departement))
channels = pd.DataFrame(list(sample_ref.iter_rows("hiring_channels")), columns=["code_fap", "channel", "label", "%"])
display(channels.merge(rome_fap[["code_rome", "code_fap"]].drop_duplicates(), on="code_fap").head(8))

sample_ref.close()
ref.close()
display(Markdown("Next: [03, geography](03_geography.ipynb)."))
