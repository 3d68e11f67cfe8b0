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
# # 6. Which advice helps? Reading the team's figures (on simulated data)
#
# Bob stores what people say of each advice (*utile*, *fait*, *pas pour moi*) and, later, where they
# stand ("Où en êtes-vous ?": still searching, found a job…). The staff page `/equipe/chiffres` turns
# these into aggregates; this notebook shows how a team would read them to decide **which advice to
# improve first**.
#
# **Every figure here is simulated.** The notebook makes a temporary SQLite database, fills it with
# 5,000 simulated people (`bob_emploi.web.insights.simulate`, whose docstring and `docs/insights.md`
# list every assumption), and reads the figures through `bob_emploi.web.insights.figures.published()`,
# the very function the staff page and its CSV export call. So what you see is what the team would
# see, groups under 10 people hidden included. Every chart says "données simulées".
#
# Because the simulator *plants* a few effects (two advice that people often find "not for me", two
# that they find useful, a challenge-dependent chance of finding a job), we can check at the end that
# the method finds them, and see what it cannot find.

# %%
import dataclasses
import datetime as dt
import os

import matplotlib.pyplot as plt
import pandas as pd
from _bundle import workdir
from IPython.display import Markdown, display

database = workdir() / "insights.sqlite3"
database.unlink(missing_ok=True)
os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ["BOB_VAR_DIR"] = str(workdir())
os.environ["DJANGO_SETTINGS_MODULE"] = "bob_emploi.web.settings"
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"  # Jupyter runs cells inside an event loop; this is one thread

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

from bob_emploi.web.insights import figures, simulate  # noqa: E402

call_command("migrate", verbosity=0)

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 200)
plt.rcParams["figure.dpi"] = 90
SIMULATED = "données simulées"


def labelled(axis: plt.Axes, title: str) -> None:
    """Every chart of this notebook: its title says the data is simulated, and so does a stamp."""
    axis.set_title(f"{title} ({SIMULATED})")
    axis.text(
        0.99, 0.01, SIMULATED.upper(), transform=axis.transAxes, ha="right", va="bottom", color="#b34000", alpha=0.8
    )


# %% [markdown]
# ## A simulated population
#
# 5,000 people signing up over a year, seeded so that every run gives the same people. `NOW` is fixed
# too: it decides which diagnostics are old enough to count in the "job within 3 months" shares.

# %%
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
made = simulate.simulate(5000, seed=16, now=NOW)
display(
    Markdown(
        f"Simulated: {made.people:,} people, {made.diagnosed:,} diagnosed, {made.feedback:,} "
        f"feedback answers, {made.checkins:,} check-ins."
    )
)
published = figures.published(NOW)
assert published.simulated_accounts == made.people

# %% [markdown]
# ## The advice table, as the staff page shows it
#
# Each person counts once, through their latest diagnostic. For each advice module: how many people
# were shown it (their latest diagnostic lists it), how many had it in their top 3, and how many said
# *utile*, *fait* or *pas pour moi* on it. Cap emploi's advice is never counted: showing it tells a
# health fact (see `docs/insights.md`). `NaN` is a hidden cell ("masqué" on the page): a group under
# 10 people, or a cell hidden so that a small group cannot be worked out by subtraction
# (`bob_emploi.web.insights.disclosure`).

# %%
advice = pd.DataFrame(
    [
        {
            "advice": row.advice_id,
            "shown": row.shown,
            "top3": row.top3,
            "useful": row.useful,
            "done": row.done,
            "not_for_me": row.not_for_me,
        }
        for row in published.advice
    ]
).set_index("advice")
for name in ("useful", "done", "not_for_me"):
    shares = [row.share(getattr(row, name)) for row in published.advice]
    advice[f"{name} %"] = [None if s.rate is None else 100 * s.rate for s in shares]
    advice[f"{name} low"] = [None if s.interval is None else 100 * s.interval[0] for s in shares]
    advice[f"{name} high"] = [None if s.interval is None else 100 * s.interval[1] for s in shares]
display(advice[["shown", "top3", "useful", "done", "not_for_me", "useful %", "not_for_me %"]].round(1))
hidden = int(advice[["shown", "top3", "useful", "done", "not_for_me"]].isna().sum().sum())
display(Markdown(f"{hidden} of {advice.shape[0] * 5} counts are hidden by the k-anonymity rules."))

# %% [markdown]
# ## A first look, and its trap
#
# The obvious chart: for each advice, the share of the people shown it who said "pas pour moi", with
# its 95 % confidence interval (Wilson). But most people give no feedback at all, and they give it far
# more often on their **top 3** than on the advice further down the page. So an advice that is often a
# priority collects more answers of every kind, "pas pour moi" included: the share below mixes "how
# often is it rejected" with "how often is it seen near the top".

# %%
advice["top3 %"] = 100 * advice["top3"] / advice["shown"]
# `answered`: useful + done + not for me (one answer per person and advice), hidden with any of them.
advice["answered"] = [row.answered for row in published.advice]
advice["answered %"] = 100 * advice["answered"] / advice["shown"]
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
naive = advice.dropna(subset=["not_for_me %"]).sort_values("not_for_me %")
left.barh(
    naive.index,
    naive["not_for_me %"],
    xerr=[naive["not_for_me %"] - naive["not_for_me low"], naive["not_for_me high"] - naive["not_for_me %"]],
    color="#6a6af4",
    capsize=2,
)
left.tick_params(axis="y", labelsize=7)
left.set_xlabel("% of the people shown it who said « pas pour moi »")
labelled(left, "Per person shown")
right.scatter(advice["top3 %"], advice["answered %"], color="#000091")
right.set_xlabel("% of the people shown it who had it in their top 3")
right.set_ylabel("% who gave any feedback on it")
labelled(right, "Top 3 advice get more answers")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Among the people who answered
#
# Comparing like with like: among the people who gave feedback on an advice, the share who said "pas
# pour moi". The dashed line is the same share over all advice pooled. An advice whose **whole
# interval** sits above the line is rejected more than the others beyond what chance explains at this
# sample size: a candidate to rewrite, to target better (is it shown to the wrong people?), or to drop.
# The staff page shows this share too, in its last column ("Pas pour moi, parmi les avis").
# An advice with one of its three counts hidden has no such share (it is left out, not guessed).

# %%
from bob_emploi.web.insights.rates import wilson  # noqa: E402

answered = advice.dropna(subset=["answered"]).copy()
for name in ("useful", "not_for_me"):
    answered[f"{name} of answers %"] = 100 * answered[name] / answered["answered"]
    bounds = [wilson(int(k), int(n)) for k, n in zip(answered[name], answered["answered"], strict=True)]
    answered[f"{name} of answers low"] = [100 * low for low, _ in bounds]
    answered[f"{name} of answers high"] = [100 * high for _, high in bounds]
pooled = 100 * answered["not_for_me"].sum() / answered["answered"].sum()
rejection = answered.sort_values("not_for_me of answers %")
fig, axis = plt.subplots(figsize=(9, 7))
axis.barh(
    rejection.index,
    rejection["not_for_me of answers %"],
    xerr=[
        rejection["not_for_me of answers %"] - rejection["not_for_me of answers low"],
        rejection["not_for_me of answers high"] - rejection["not_for_me of answers %"],
    ],
    color="#6a6af4",
    capsize=2,
)
axis.axvline(pooled, color="black", linestyle="--", linewidth=1, label=f"all advice pooled: {pooled:.1f} %")
axis.set_xlabel("% of the people who answered who said « pas pour moi »")
axis.legend(loc="lower right", bbox_to_anchor=(1, 0.06))
labelled(axis, "« Pas pour moi » among answers, 95 % intervals")
plt.tight_layout()
plt.show()

rejected = rejection[rejection["not_for_me of answers low"] > pooled].index.tolist()
display(Markdown(f"Rejected beyond chance: **{', '.join(rejected) or 'none'}**."))
left_out = sorted(set(advice.index) - set(answered.index))
display(Markdown(f"Left out (a count hidden): {', '.join(left_out) or 'none'}."))

# %% [markdown]
# ## Reach against usefulness
#
# An advice shown to many people and rarely found useful costs the most attention. The chart puts the
# people reached (x) against the share of answers that said *utile* (y, with its interval). A useful
# advice shown to few people may deserve a higher rank; a widely shown advice rarely found useful
# deserves a rewrite first. The table ranks advice by the people reached times the share of answers
# that rejected it: a rough "how many people it disappoints" to sort the team's to-do list.

# %%
fig, axis = plt.subplots(figsize=(9, 6))
axis.errorbar(
    answered["shown"],
    answered["useful of answers %"],
    yerr=[
        answered["useful of answers %"] - answered["useful of answers low"],
        answered["useful of answers high"] - answered["useful of answers %"],
    ],
    fmt="o",
    color="#000091",
    ecolor="#9a9aff",
    capsize=2,
)
for name, row in answered.iterrows():
    axis.annotate(
        str(name), (row["shown"], row["useful of answers %"]), fontsize=7, xytext=(3, 3), textcoords="offset points"
    )
axis.axhline(100 * answered["useful"].sum() / answered["answered"].sum(), color="grey", linestyle=":", linewidth=1)
axis.set_xlabel("people shown the advice")
axis.set_ylabel("% of answers that said « utile »")
labelled(axis, "Reach and usefulness of each advice")
plt.tight_layout()
plt.show()

answered["disappointed (estimate)"] = answered["shown"] * answered["not_for_me of answers %"] / 100
display(
    answered.sort_values("disappointed (estimate)", ascending=False)[
        ["shown", "answered", "useful of answers %", "not_for_me of answers %", "disappointed (estimate)"]
    ]
    .head(6)
    .round(1)
)

# %% [markdown]
# ## Main challenges and jobs
#
# Each person counts once, under the main challenge of their latest diagnosed project. The share who
# report a job within 3 months counts only people whose diagnostic is at least 91 days old (younger
# ones have not had the time), and people who never answer count as not having found: the real share is
# **at least** this. The totals row ("Ensemble") gives the reference.

# %%
challenges = pd.DataFrame(
    [
        {
            "challenge": row.title,
            "people": row.people,
            **{f"{w.months} m %": None if w.share.rate is None else 100 * w.share.rate for w in row.windows},
            "3 m low": next(
                (100 * w.share.interval[0] for w in row.windows if w.months == 3 and w.share.interval), None
            ),
            "3 m high": next(
                (100 * w.share.interval[1] for w in row.windows if w.months == 3 and w.share.interval), None
            ),
            "eligible 3 m": next(w.eligible for w in row.windows if w.months == 3),
        }
        for row in (*published.challenges, published.challenges_total)
    ]
).set_index("challenge")
display(challenges.round(1))

shown3 = challenges.drop(index="Ensemble").dropna(subset=["3 m %"]).sort_values("3 m %")
fig, axis = plt.subplots(figsize=(9, 5))
axis.barh(
    shown3.index,
    shown3["3 m %"],
    xerr=[shown3["3 m %"] - shown3["3 m low"], shown3["3 m high"] - shown3["3 m %"]],
    color="#18753c",
    capsize=3,
)
axis.axvline(challenges.loc["Ensemble", "3 m %"], color="black", linestyle="--", linewidth=1, label="everyone")
axis.set_xlabel("% who reported a job within 3 months of their diagnostic (lower bound)")
axis.legend(loc="lower right", bbox_to_anchor=(1, 0.06))
labelled(axis, "Job within 3 months, per main challenge")
plt.tight_layout()
plt.show()

# %% [markdown]
# Challenges whose interval sits below the line are where people struggle most: their advice (the ones
# the challenge puts first, see `advisor/content/challenges.toml`) are the first to review. But this
# is **correlation**: people whose challenge is "missing diploma" would find a job more slowly with or
# without Bob. The comparison says where people need the most help, not which advice works. To know
# whether an advice *causes* more jobs, one would have to show it to a random half of otherwise similar
# people (an A/B test) and compare; the aggregates deliberately do not cross feedback with outcomes
# person by person, since every extra cross-tabulation makes smaller, hidden groups.

# %% [markdown]
# ## Cohorts by week of sign-up
#
# For each ISO week: people who signed up, and the share with a diagnostic, a check-in, a job reported.
# Recent cohorts have had less time to report a job, so their share is bound to be lower: compare
# cohorts of the same age, never the last weeks with the first.

# %%
cohorts = pd.DataFrame([dataclasses.asdict(row) | {"iso": row.iso_week} for row in published.cohorts]).set_index("iso")
for name in ("diagnosed", "checked_in", "found_job"):
    cohorts[f"{name} %"] = 100 * cohorts[name] / cohorts["people"]
fig, axis = plt.subplots(figsize=(10, 5))
for name, label in (
    ("diagnosed", "with a diagnostic"),
    ("checked_in", "with a check-in"),
    ("found_job", "job reported"),
):
    axis.plot(range(len(cohorts)), cohorts[f"{name} %"], marker=".", label=label)
ticks = list(range(0, len(cohorts), 4))
axis.set_xticks(ticks, [cohorts.index[i] for i in ticks], rotation=45, ha="right")
axis.set_ylabel("% of the week's sign-ups")
axis.legend()
labelled(axis, "Cohorts by week of sign-up")
plt.tight_layout()
plt.show()
masked = int(cohorts[["people", "diagnosed", "checked_in", "found_job"]].isna().sum().sum())
display(
    Markdown(
        f"{masked} of {cohorts.shape[0] * 4} counts of this table are hidden (the gaps in the lines): a count "
        "under 10 people, or a count hidden so that a small one cannot be worked out from the total."
    )
)

# %% [markdown]
# ## Did the method find what the simulator planted?
#
# The simulator made `less_applications` and `relocate` often "not for me", and `improve_interview` and
# `network_application` often useful (`simulate.Assumptions.planted_reception`). It also made a person
# who marked their first priority "done" 1.5 times as likely to find a job each month: this the
# aggregates **cannot** show, by design (see above). A team would need an experiment for that.
#
# Suppression hides good news too: `improve_interview` is so rarely rejected that its "pas pour moi"
# count is under 10, hence hidden, and the advice drops out of the comparison among answers. Its share of
# *utile* among the people shown it (in the first table) still shows it near the top.

# %%
assumptions = simulate.Assumptions()
planted_rejected = {a for a, odds in assumptions.planted_reception.items() if odds[2] > assumptions.reception[2]}
planted_useful = {a for a, odds in assumptions.planted_reception.items() if odds[0] > assumptions.reception[0]}
# Ranked by the lower end of the interval: an advice with few answers does not come first by luck.
by_usefulness = answered.sort_values("useful of answers low", ascending=False)
display(
    Markdown(
        f"Planted as rejected: {sorted(planted_rejected)}; found: {sorted(rejected)}.\n\n"
        f"Planted as useful: {sorted(planted_useful)}; the surest useful here: {by_usefulness.index[:3].tolist()}."
    )
)
assert planted_rejected <= set(rejected), "the method should find the advice planted as rejected"
truth = pd.Series(assumptions.monthly_job_chance).rename("planted monthly chance")
display(truth.to_frame())
