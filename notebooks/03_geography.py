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
# # 3. Geography: régions, départements, communes
#
# Bob asks people where they look for work and reads labour-market figures per **département**. The
# geography comes from Etalab's `@etalab/decoupage-administratif` (INSEE's official geographic code),
# imported by `bob_emploi.data.geo.import_geo` into the tables `regions`, `departements`, `communes` and
# `former_communes`. This notebook shows what they hold and the traps: overseas collectivities, the
# French phrases for "in" and "of" a place, arrondissements, shared postcodes and former communes.

# %%
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from _bundle import get_bundle, raw_data_dir
from IPython.display import Markdown, display

from bob_emploi.data import Referential, sources
from bob_emploi.data.csvread import read_json
from bob_emploi.data.geo import in_phrase, of_phrase
from bob_emploi.data.schema import TABLES

pd.set_option("display.max_colwidth", 100)
pd.set_option("display.width", 200)
plt.rcParams["figure.dpi"] = 90

result = get_bundle()
ref = Referential.load(result.path)
for table in ("regions", "departements", "communes", "former_communes"):
    print(f"{table}: {TABLES[table][1]}\n")

# %% [markdown]
# ## How many of each
#
# Every place has a `zone`: `metro` (metropolitan France, Corsica included), `drom` (the five overseas
# régions and départements: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) or `com` (overseas
# collectivities: Saint-Pierre-et-Miquelon, Polynésie française…). Collectivities are **kept apart**: they
# are in the bundle, so that what people type resolves, but they are neither régions nor départements,
# and France Travail's statistics mostly ignore them. The build's counts (`bob_emploi.data.summary`) do
# the same:

# %%
counts = {key: result.counts[key] for key in ("regions", "departements", "overseas_collectivities", "communes")}
counts |= {key: result.counts[key] for key in ("communes_in_collectivities", "arrondissements", "former_communes")}
display(pd.Series(counts, name="count").to_frame().T)

communes = pd.DataFrame(
    [
        (c.code, c.name, c.departement, c.region, c.postcodes, c.population, c.kind, c.parent, c.zone)
        for c in ref.communes.values()
    ],
    columns=["code", "name", "departement", "region", "postcodes", "population", "kind", "parent", "zone"],
).set_index("code")
regions = pd.DataFrame([(r.code, r.name, r.zone, r.in_phrase) for r in ref.regions.values()],
                       columns=["code", "name", "zone", "in_phrase"]).set_index("code")  # fmt: skip
departements = pd.DataFrame(
    [(d.code, d.name, d.region, d.zone, d.in_phrase, d.of_phrase) for d in ref.departements.values()],
    columns=["code", "name", "region", "zone", "in_phrase", "of_phrase"],
).set_index("code")
display(
    pd.DataFrame(
        {
            "régions": regions["zone"].value_counts(),
            "départements": departements["zone"].value_counts(),
            "communes": communes[communes.kind == "commune"]["zone"].value_counts(),
            "arrondissements": communes[communes.kind == "arrondissement"]["zone"].value_counts(),
        }
    )
    .fillna(0)
    .astype(int)
    .reindex(["metro", "drom", "com"])
)

# %% [markdown]
# The overseas collectivities: each is its own "région" and "département" code in the source, with its
# communes.

# %%
collectivities = departements[departements.zone == "com"][["name", "in_phrase"]].join(
    communes[communes.zone == "com"]
    .groupby("departement")
    .agg(communes=("name", "size"), population=("population", "sum"))
)
display(collectivities)

# %% [markdown]
# ## Saying "in" and "of" a place
#
# Bob writes French sentences such as *« Les recruteurs du Rhône… »* or *« …en Isère »*. The article
# depends on the name: INSEE gives each name a `typeLiaison` (0 no article, consonant; 1 no article,
# vowel; 2 *le*; 3 *la*; 4 *les*; 5 *l'*), and the importer's `in_phrase` / `of_phrase` turn it into a
# phrase, with a few editorial choices (*en Isère* rather than *dans l'Isère*, *à La Réunion*,
# *à Mayotte*). Calling them on the raw records gives the bundle's columns:

# %%
raw = raw_data_dir()
raw_departements = {record["code"]: record for record in read_json(raw / sources.GEO_DEPARTEMENTS.path, root=raw)}
SELECTION = ["Rhône", "Isère", "Ain", "Bouches-du-Rhône", "Paris", "La Réunion", "Mayotte", "Guadeloupe"]
rows = []
for name in SELECTION:
    record = next(r for r in raw_departements.values() if r["nom"] == name)
    liaison = int(record.get("typeLiaison", 0))
    rows.append(
        (
            record["code"],
            name,
            liaison,
            in_phrase(record["code"], name, liaison, is_departement=True),
            of_phrase(name, liaison),
        )
    )
phrases = pd.DataFrame(rows, columns=["code", "département", "typeLiaison", "in_phrase", "of_phrase"]).set_index("code")
display(phrases)
assert (phrases[["in_phrase", "of_phrase"]] == departements.loc[phrases.index, ["in_phrase", "of_phrase"]]).all().all()

# %% [markdown]
# The same name takes a different preposition as a région: *à Paris* (a city and a département) but
# *en Bretagne*, *dans les Hauts-de-France*:

# %%
display(regions[regions.zone != "com"][["name", "in_phrase"]])

# %% [markdown]
# Not everything is right yet: the "of" phrases of some collectivities ignore the article that their
# "in" phrase overrides (*de Île de Clipperton*, *de Terres australes…*). Bob's pages are about
# départements where France Travail has figures, but the gap is worth knowing.

# %%
display(departements[departements.zone == "com"][["name", "in_phrase", "of_phrase"]])

# %% [markdown]
# ## Communes per département

# %%
per_departement = (
    communes[communes.kind == "commune"].groupby("departement").size().rename("communes").to_frame().join(departements)
)
per_departement = per_departement[per_departement.zone != "com"].sort_values("communes", ascending=False)
colours = per_departement["zone"].map({"metro": "tab:blue", "drom": "tab:orange"})
fig, axis = plt.subplots(figsize=(14, 4))
axis.bar(range(len(per_departement)), per_departement["communes"], color=colours)
axis.set_xticks(range(len(per_departement)), per_departement.index, rotation=90, fontsize=6)
axis.set_ylabel("communes")
axis.set_title("Communes per département (blue: metropolitan, orange: overseas)")
plt.tight_layout()
plt.show()
display(pd.concat([per_departement.head(5), per_departement.tail(5)])[["name", "communes"]])

# %% [markdown]
# From almost 900 communes in the Pas-de-Calais to a handful overseas, and Paris is one commune. Names
# repeat a lot across départements, so a commune must be identified by its INSEE code, never by its name:

# %%
homonyms = Counter(communes.loc[communes.kind == "commune", "name"])
print(f"{sum(1 for n in homonyms.values() if n > 1)} commune names are shared by several communes, e.g.:")
display(pd.Series(dict(homonyms.most_common(6)), name="communes").to_frame())

# %% [markdown]
# ## Population
#
# Half the communes have a few hundred inhabitants; a few cities have hundreds of thousands. A log scale
# shows it (arrondissements are left out: they would count Paris, Lyon and Marseille twice).

# %%
population = communes.loc[communes.kind == "commune", "population"]
print(population.describe().round(0).to_string())
fig, axis = plt.subplots(figsize=(9, 4))
axis.hist(population[population > 0], bins=np.logspace(0, np.log10(population.max()), 50), color="tab:green")
axis.set_xscale("log")
axis.set_xlabel("inhabitants (log scale)")
axis.set_ylabel("communes")
axis.set_title("Population of communes")
plt.show()

# %% [markdown]
# A few communes have no population at all (the build reports it): six villages of the Meuse destroyed at
# Verdun in 1916 and kept as *villages morts pour la France*, and uninhabited overseas territories.

# %%
display(communes[(communes.kind == "commune") & (communes.population == 0)][["name", "departement", "zone"]])
print([entry for entry in result.report if entry[0] == "geo"])

# %% [markdown]
# ## Paris, Lyon and Marseille arrondissements
#
# These three cities are split into municipal arrondissements, which have their own INSEE codes and
# postcodes (`75101` Paris 1er, `69381` Lyon 1er, `13201` Marseille 1er). They are stored as communes of
# kind `arrondissement` with `parent` = the city's code; `Referential.current_commune(code)` resolves them
# to the city, which is what Bob reasons about.

# %%
arrondissements = communes[communes.kind == "arrondissement"]
cities = arrondissements.groupby("parent").agg(arrondissements=("name", "size"), population=("population", "sum"))
cities["city"] = [ref.communes[code].name for code in cities.index]
cities["city population"] = [ref.communes[code].population for code in cities.index]
display(cities)
display(
    pd.DataFrame(
        [
            (code, ref.communes[code].name, ref.current_commune(code).name)
            for code in ("75101", "75116", "69381", "13216")
        ],
        columns=["code", "arrondissement", "current_commune()"],
    )
)

# %% [markdown]
# ## Postcodes are not commune codes
#
# A postcode may serve many communes and a commune may have several postcodes, so
# `communes_by_postcode` returns a list. Postcodes of arrondissements return both the arrondissement and
# the city.

# %%
by_postcode = Counter(code for codes in communes["postcodes"] for code in codes)
shared = {code: count for code, count in by_postcode.items() if count > 1}
print(f"{len(by_postcode)} postcodes, {len(shared)} of them shared by several communes")
several = sum(1 for codes in communes.loc[communes.kind == "commune", "postcodes"] if len(codes) > 1)
print(f"{(communes.kind == 'commune').sum()} communes (collectivities included), {several} with several postcodes")
fig, axis = plt.subplots(figsize=(9, 3.5))
pd.Series(by_postcode).plot.hist(bins=range(1, max(by_postcode.values()) + 2), log=True, ax=axis, color="tab:purple")
axis.set_xlabel("communes sharing the postcode")
axis.set_ylabel("postcodes (log scale)")
axis.set_title("How many communes a postcode serves")
plt.show()
for postcode in ("51300", "75001"):
    found = ref.communes_by_postcode(postcode)
    print(
        f"{postcode}: {len(found)} communes:",
        ", ".join(f"{c.name} ({c.code})" for c in found[:8]),
        "…" * (len(found) > 8),
    )

# %% [markdown]
# ## Former communes
#
# Over the last decade thousands of communes merged into *communes nouvelles*. The old ones survive as *communes
# déléguées* (or *associées*, an older kind of merger): people still live "in" them and type their names.
# They are kept in `former_communes` with `parent` = the current commune. A former commune often shares
# its INSEE code with its parent (the old commune that became the seat); the others have codes that no
# current commune has, and `current_commune` resolves them through `former_communes`.

# %%
former = pd.DataFrame(
    [(f.code, f.name, f.kind, f.parent) for f in ref.former_communes], columns=["code", "name", "kind", "parent"]
)
former["same code as parent"] = former["code"] == former["parent"]
display(pd.crosstab(former["kind"], former["same code as parent"], margins=True))
examples = pd.concat([former[~former["same code as parent"]].head(3), former[former["same code as parent"]].head(2)])
display(
    pd.DataFrame(
        [
            (
                row.code,
                row.name,
                row.kind,
                f"{ref.current_commune(row.code).name} ({ref.current_commune(row.code).code})",
            )
            for row in examples.itertuples()
        ],
        columns=["code", "former commune", "kind", "current_commune()"],
    )
)
unresolved = sum(1 for code in former["code"] if ref.current_commune(code) is None)
print(f"former communes that do not resolve: {unresolved}")
mergers = former.groupby("parent").size()
print(f"{len(mergers)} current communes gather former ones; the largest:")
display(
    mergers.nlargest(5)
    .rename("former communes")
    .to_frame()
    .assign(name=lambda t: [ref.communes[c].name for c in t.index])
)

ref.close()
display(Markdown("Back to [01, the ROME](01_rome_structure_and_genders.ipynb)."))
