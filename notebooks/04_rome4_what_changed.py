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
# # 4. ROME 4.0: what changed since ROME v3, and how the two versions link
#
# France Travail replaced ROME v3 with **ROME 4.0** in 2023; release v460 (2025) is the one in the raw
# data (`rome4/`), and the one Bob's bundle is built from when it is there. Notebooks 1–3 read
# release v347 (2021) of ROME v3. This notebook builds both bundles with the pipeline
# (`bob_emploi.data.build_bundle`) and compares them with `bob_emploi.data.diff.diff_bundles`, the
# function behind `bob data diff OLD NEW`:
#
# - ROME 4.0 **splits** most v3 job groups (fiches) into finer ones; each 4.0 fiche names the v3 fiche
#   it derives from (`code_rome_parent`), which is how Bob keeps using statistics published per v3 code;
# - every v347 job title (`code_ogr`) is still there, so a project saved on a v347 bundle keeps its
#   title; many titles **move** to a new, finer fiche;
# - 4.0 adds flags (regulated job, managerial job, the ecological, digital and demographic transitions),
#   core skills, savoir-être, work contexts, and the 30 **centres of interest** ("J'ai envie de…").
#
# Source of every figure and chart below: France Travail, ROME v347 (2021) and ROME 4.0 v460 (2025),
# Licence Ouverte.

# %%
from collections import Counter

import matplotlib.pyplot as plt
import pandas as pd
from _bundle import get_bundle, get_v347_bundle
from IPython.display import Markdown, display

from bob_emploi.data import Referential
from bob_emploi.data.diff import diff_bundles

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)
plt.rcParams["figure.dpi"] = 90
SOURCE = "Source : France Travail, ROME v347 (2021) et ROME 4.0 v460 (2025)"

# %% [markdown]
# ## Two bundles from the same raw directory
#
# The build reads `rome4/` when the raw directory has it. For the v347 bundle, we give it a directory
# of links to every raw folder but `rome4/`.

# %%
old_result = get_v347_bundle()
new_result = get_bundle()
old, new = Referential.load(old_result.path), Referential.load(new_result.path)
assert (old.rome_version, new.rome_version) == ("347", "460"), (old.rome_version, new.rome_version)

counts = pd.DataFrame(
    {
        "ROME v347": {key: old_result.counts.get(key) for key in ("job_groups", "job_titles", "mobility_links")},
        "ROME 4.0 v460": {key: new_result.counts.get(key) for key in ("job_groups", "job_titles", "mobility_links")},
    }
)
display(counts)

# %% [markdown]
# ## How the versions link: each 4.0 fiche has a v3 parent
#
# `JobGroup.code_rome_parent` is the v3 fiche a 4.0 fiche derives from; `Referential.children_of(v3_code)`
# goes the other way. Every one of the 532 v3 codes is a parent.

# %%
children = Counter(group.code_rome_parent for group in new.job_groups.values())
assert set(children) == set(old.job_groups), set(old.job_groups) ^ set(children)
split = pd.Series(children).value_counts().sort_index()
fig, axis = plt.subplots(figsize=(9, 3.5))
split.plot.bar(ax=axis, color="tab:blue")
axis.set_xlabel("ROME 4.0 fiches derived from one ROME v3 fiche")
axis.set_ylabel("ROME v3 fiches")
axis.set_title("How ROME 4.0 splits the v3 fiches")
axis.text(0, -0.25, SOURCE, transform=axis.transAxes, fontsize=8)
plt.show()
print(f"{split.get(1, 0)} v3 fiches have a single 4.0 fiche; {sum(split[split.index > 1])} are split.")

most_split = [code for code, _ in children.most_common(3)]
for code in most_split:
    display(Markdown(f"**{code} {old.job_groups[code].name}** (v347) became:"))
    display(
        pd.DataFrame(
            [(child.code_rome, child.name, len(new.titles_of(child.code_rome))) for child in new.children_of(code)],
            columns=["code_rome", "ROME 4.0 fiche", "titles"],
        )
    )

# %% [markdown]
# ## Titles: all kept, many moved, some new
#
# The diff counts titles added, removed, renamed (their label changed) and moved (their fiche changed).
# A saved project names a title: it is *affected* when its title is removed or moved
# (`bob data diff --projects` lists such projects of a deployment's database).

# %%
diff = diff_bundles(old_result.path, new_result.path)
display(pd.Series(diff.counts(), name="changes v347 → v460").to_frame())
assert not diff.titles_removed, "a v347 title is missing from ROME 4.0"
moved = pd.DataFrame(
    [(change.code_ogr, change.new_label, change.old_rome, change.new_rome) for change in diff.titles_moved],
    columns=["code_ogr", "title", "v347 fiche", "v460 fiche"],
)
display(moved.sample(8, random_state=1))
stay = sum(1 for change in diff.titles_moved if new.job_groups[change.new_rome].code_rome_parent == change.old_rome)
print(f"{stay} of {len(moved)} moved titles moved to a child of their v347 fiche.")

# %% [markdown]
# New titles are written in the new notations: both genders joined by a slash ("Chef / Cheffe") or
# with brackets ("Technico-commercial(e)"). The pipeline splits them into a masculine, a feminine and a
# neutral form, as for v347 (notebook 1):

# %%
new_titles = [new.job_titles[change.code_ogr] for change in diff.titles_added]
display(
    pd.DataFrame(
        [(title.code_ogr, title.neutral, title.masculine, title.feminine) for title in new_titles[:12]],
        columns=["code_ogr", "published", "masculine", "feminine"],
    )
)
main = sum(1 for title in new.job_titles.values() if title.main)
rare = sum(1 for title in new.job_titles.values() if title.rarely_used)
gendered = sum(1 for title in new.job_titles.values() if title.masculine and title.feminine)
print(f"{main} main titles (one per fiche), {rare} rarely used titles, {gendered} titles with both forms.")

# %% [markdown]
# ## Regulated and managerial jobs
#
# ROME 4.0 flags a fiche as **regulated** (`emploi_reglemente`: a qualification is required by law)
# and **managerial** (`emploi_cadre`). v347 said neither: Bob had to guess from the "access" texts.

# %%
flags = pd.DataFrame(
    [
        (group.code_rome[0], bool(group.regulated), bool(group.managerial), bool(group.transitions))
        for group in new.job_groups.values()
    ],
    columns=["domain", "regulated", "managerial", "in a transition"],
)
by_domain = flags.groupby("domain")[["regulated", "managerial", "in a transition"]].sum()
by_domain["fiches"] = flags.groupby("domain").size()
display(by_domain)
fig, axis = plt.subplots(figsize=(10, 3.5))
by_domain[["fiches", "regulated", "managerial"]].plot.bar(ax=axis)
axis.set_title("ROME 4.0 fiches per domain, regulated and managerial")
axis.tick_params(axis="x", rotation=0)
axis.text(0, -0.25, "Source : France Travail, ROME 4.0 v460 (2025)", transform=axis.transAxes, fontsize=8)
plt.show()
display(
    pd.DataFrame(
        [(group.code_rome, group.name) for group in new.job_groups.values() if group.regulated][:10],
        columns=["code_rome", "a regulated fiche"],
    )
)

# %% [markdown]
# ## Skills by category
#
# ROME 4.0 sorts a fiche's skills into savoir-faire, savoir-être professionnels and savoirs, and marks the
# core ones (`coeur_metier`). For a waiter (G1803):

# %%
for kind, skills in new.skills_by_category("G1803").items():
    core = [skill.label for skill in skills if skill.core]
    print(f"{kind}: {len(skills)} items, {len(core)} core; e.g. {', '.join(s.label for s in skills[:4])}")

# %% [markdown]
# ## Centres of interest
#
# The 30 sentences a person can say ("J'ai envie de…"), each with the fiches that match it. For someone
# who does not know which job to aim for, they are a way in that needs no job title.

# %%
interests = pd.DataFrame(
    [
        (interest.code, interest.label, len(new.job_groups_for_interest(interest.code)))
        for interest in new.centres_of_interest()
    ],
    columns=["code", "centre of interest", "fiches"],
).set_index("code")
display(interests)
assert len(interests) == 30

# %% [markdown]
# ## Mobility: more links, no longer typed
#
# v347 typed its links "close job" or "evolution"; ROME 4.0 gives each fiche an ordered list of close
# fiches (`numero_ordre`). Bob shows them as close jobs, in that order.

# %%
links = Counter(link.kind for code in new.job_groups for link in new.mobility(code))
old_links = Counter(link.kind for code in old.job_groups for link in old.mobility(code))
display(pd.DataFrame({"v347": old_links, "v460": links}).fillna(0).astype(int))
example = new.mobility("G1803")[:5]
display(
    pd.DataFrame(
        [(link.position, link.target_rome, new.job_groups[link.target_rome].name) for link in example],
        columns=["order", "code_rome", "close fiche of G1803"],
    )
)
old.close()
new.close()
