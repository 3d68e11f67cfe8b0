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
# # 5. Who hires where: the BMO survey, the DARES tension indicators, and how a figure reaches a job
#
# Bob's market verdicts rest on real, dated statistics. This notebook reads them from the bundle
# (built by `bob_emploi.data.build_bundle` from the files as published) and shows:
#
# - **BMO** (*Besoins en main-d'œuvre*, France Travail): each year, employers say how many people they
#   plan to hire, per job family and *bassin d'emploi* (employment area), how many of those hirings they
#   expect to be difficult, and how many are seasonal. 2023, 2024 and 2025 are here;
# - the **DARES tension indicators** (2019): how hard it is to recruit per job family and territory,
#   with six explanatory indicators;
# - how such a figure, published per **job family** (FAP), reaches a **job group** (fiche ROME), and why
#   Bob always says whose figure it is.
#
# Every chart says its source and year. Withheld figures (statistical secrecy, `*` in the files) are
# never counted as 0.

# %%
import sqlite3

import matplotlib.pyplot as plt
import pandas as pd
from _bundle import get_bundle
from _map import draw
from IPython.display import Markdown, display

from bob_emploi.data import Referential

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)
plt.rcParams["figure.dpi"] = 90

result = get_bundle()
ref = Referential.load(result.path)
db = sqlite3.connect(f"{result.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def query(sql: str, *parameters: object) -> pd.DataFrame:
    return pd.read_sql_query(sql, db, params=parameters)


BMO = "France Travail, enquête BMO {year}"
DARES = "DARES et France Travail (Pôle emploi), indicateurs de tension 2019"

# %% [markdown]
# ## The survey, nationally
#
# The bundle keeps the published rows per bassin (`bmo_bassin`) and their sums per département, région
# and France (`bmo_area`). National totals, with the withheld cells left out (as the README of the raw
# data says: 3.01 M, 2.75 M and 2.40 M projects):

# %%
national = query(
    "SELECT year, SUM(projects) AS projects, SUM(difficult) AS difficult, SUM(seasonal) AS seasonal, "
    "SUM(withheld) AS withheld_cells FROM bmo_area WHERE area_type = 'france' GROUP BY year ORDER BY year"
)
national["% difficult"] = (100 * national["difficult"] / national["projects"]).round(1)
national["% seasonal"] = (100 * national["seasonal"] / national["projects"]).round(1)
display(national.set_index("year"))

# %% [markdown]
# ## Which job families hire the most (2025)

# %%
labels = dict(query("SELECT DISTINCT job_code, job_label FROM bmo_bassin WHERE year = 2025").values)
top = query(
    "SELECT job_code, projects, difficult, seasonal FROM bmo_area "
    "WHERE year = 2025 AND area_type = 'france' ORDER BY projects DESC LIMIT 15"
)
top["family"] = top["job_code"].map(labels)
top["% difficult"] = (100 * top["difficult"] / top["projects"]).round(0)
top["% seasonal"] = (100 * top["seasonal"] / top["projects"]).round(0)
display(top[["job_code", "family", "projects", "% difficult", "% seasonal"]])
fig, axis = plt.subplots(figsize=(9, 5))
top.set_index("family")["projects"].iloc[::-1].plot.barh(ax=axis, color="tab:blue")
axis.set_xlabel("hiring projects")
axis.set_title("The 15 job families with the most hiring projects, France, 2025")
axis.text(0, -0.12, "Source : " + BMO.format(year=2025), transform=axis.transAxes, fontsize=8)
plt.show()

# %% [markdown]
# ## Difficulty and seasonality
#
# A family's share of difficult hirings and its share of seasonal ones are different stories: seasonal
# trades (farm work, tourism) hire many people for a few months; others struggle to find anyone.

# %%
families = query(
    "SELECT job_code, projects, difficult, seasonal FROM bmo_area "
    "WHERE year = 2025 AND area_type = 'france' AND projects >= 2000"
)
families["% difficult"] = 100 * families["difficult"] / families["projects"]
families["% seasonal"] = 100 * families["seasonal"] / families["projects"]
fig, axis = plt.subplots(figsize=(8, 6))
axis.scatter(families["% seasonal"], families["% difficult"], s=families["projects"] / 600, alpha=0.5)
for _, row in families.nlargest(6, "% seasonal").iterrows():
    axis.annotate(
        labels.get(row["job_code"], row["job_code"])[:30], (row["% seasonal"], row["% difficult"]), fontsize=7
    )
axis.set_xlabel("% of projects seasonal")
axis.set_ylabel("% of projects judged difficult")
axis.set_title("Job families (≥ 2,000 projects), France, 2025; size = projects")
axis.text(0, -0.12, "Source : " + BMO.format(year=2025), transform=axis.transAxes, fontsize=8)
plt.show()

# %% [markdown]
# ## Where: projects per département, and the change since 2023
#
# The map is drawn from real département outlines (metropolitan France; overseas départements are in
# the table under it). The 2023 survey used FAP 2009 codes and 2024–2025 FAP 2021: family codes do not
# compare across that change, but a département's total does.

# %%
by_departement = query(
    "SELECT year, area_code AS departement, SUM(projects) AS projects FROM bmo_area "
    "WHERE area_type = 'departement' GROUP BY year, area_code"
).pivot(index="departement", columns="year", values="projects")
population = pd.Series({code: 0 for code in ref.departements})
for commune in ref.communes.values():
    if commune.kind == "commune" and commune.departement in population:
        population[commune.departement] += commune.population
per_thousand = (1000 * by_departement[2025] / population).round(1)
draw(
    per_thousand.to_dict(),
    title="Hiring projects per 1,000 inhabitants, 2025",
    source="France Travail, enquête BMO 2025; population : INSEE via Etalab (découpage administratif)",
)
plt.show()
change = (100 * (by_departement[2025] - by_departement[2023]) / by_departement[2023]).round(1)
draw(
    change.to_dict(),
    title="Change in hiring projects, 2023 → 2025 (%)",
    source="France Travail, enquêtes BMO 2023 et 2025",
    cmap="RdBu",
)
plt.show()
overseas = [code for code, departement in ref.departements.items() if departement.zone == "drom"]
display(
    pd.DataFrame(
        {
            "département": [ref.departements[code].name for code in overseas],
            "projects 2025": [by_departement[2025].get(code) for code in overseas],
            "per 1,000 inhabitants": [per_thousand.get(code) for code in overseas],
            "change 2023 → 2025 (%)": [change.get(code) for code in overseas],
        },
        index=overseas,
    )
)

# %% [markdown]
# ## Tensions (DARES, 2019)
#
# The tension indicator is standardised (0 = the 2014–2018 average of all jobs; higher = harder to
# recruit) and summarised in 5 classes. Six indicators explain it, each scored 1–5 nationally.

# %%
tensions = query(
    "SELECT fap, tension, tension_class, hiring_intensity, training_link, labour_shortage, non_durable_jobs, "
    "working_conditions, geographic_mismatch FROM dares_tensions "
    "WHERE area_type = 'france' AND fap_level = '225' ORDER BY tension DESC"
)
fap_labels = dict(query("SELECT code, label FROM fap").values)
tensions.insert(1, "family (FAP 2009)", tensions["fap"].map(fap_labels))
display(tensions.head(10))
display(tensions["tension_class"].value_counts().sort_index().rename("families per class").to_frame())
dep_tension = query(
    "SELECT area_code, AVG(tension) AS tension FROM dares_tensions "
    "WHERE area_type = 'departement' AND fap_level = '225' GROUP BY area_code"
).set_index("area_code")["tension"]
draw(dep_tension.to_dict(), title="Mean tension of the job families, per département, 2019", source=DARES)
plt.show()

# %% [markdown]
# ## How a figure reaches a job group
#
# Statistics are published per job family; a person names a job. The bundle links them through DARES's
# tables: a ROME 4.0 fiche → its ROME v3 parent (`code_rome_parent`) → FAP 2021 at the 341 level
# (DARES's ROME × qualification table, all qualifications) → its 228-level parent, the code of BMO 2024
# and 2025; and ROME v3 → FAP 2009 for BMO 2023 and the DARES tensions. A family spans several job
# groups and a job group may span several families: **every figure says whose it is**, and a family's
# figure is never shown as the job group's own. For a waiter in Savoie:

# %%
group = ref.job_groups["G1803"]
display(Markdown(f"**{group.code_rome} {group.name}**, v3 parent {group.code_rome_parent}"))
display(pd.DataFrame([vars(family) if hasattr(family, "__dict__") else family for family in ref.bmo_families("G1803")]))
figures = ref.market_figures("G1803", departement="73")
display(
    pd.DataFrame(
        [
            (figure.label, figure.value, figure.unit, figure.subject, figure.territory.name, figure.dataset)
            for figure in figures
        ],
        columns=["figure", "value", "unit", "whose", "territory", "dataset"],
    )
)
savoie = query(
    "SELECT bassin, bassin_name, projects, difficult, seasonal FROM bmo_bassin "
    "WHERE year = 2025 AND job_code = 'S2X61' AND departement = '73'"
)
display(Markdown("The published rows behind the Savoie figure (BMO 2025, family S2X61, one row per bassin):"))
display(savoie)
withheld = savoie["projects"].isna().sum()
print(f"Sum of the Savoie bassins: {savoie['projects'].sum()} projects (withheld cells: {withheld})")

# %% [markdown]
# The same call feeds the diagnostic, the job page and the API (`bob data market G1803 --departement 73`
# prints it): a figure shown twice is computed once, so two pages never disagree.

# %%
db.close()
ref.close()
