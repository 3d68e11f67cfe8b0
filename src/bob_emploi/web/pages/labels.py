"""French labels for the advisor's enum values, as the job seeker reads them.

One place for every wording, so that the forms, the summary of answers and the diagnostic
say the same thing. Keys are the values of `bob_emploi.advisor.schema`.
"""

from __future__ import annotations

GENDERS = {
    "feminine": "Au féminin",
    "masculine": "Au masculin",
    "unknown": "Je préfère ne pas répondre",
}
DEGREES = {
    "none": "Aucun diplôme",
    "cap_bep": "CAP, BEP ou équivalent",
    "bac": "Bac ou équivalent",
    "bac+2": "Bac + 2 (BTS, DUT, DEUG…)",
    "bac+3": "Bac + 3 (licence, BUT…)",
    "bac+5": "Bac + 5 ou plus (master, diplôme d'ingénieur, doctorat…)",
}
FAMILIES = {
    "single": "Seul ou seule, sans enfant à charge",
    "single_parent": "Seul ou seule, avec des enfants à charge",
    "couple": "En couple, sans enfant à charge",
    "couple_with_children": "En couple, avec des enfants à charge",
}
PROJECT_KINDS = {
    "first_job": "Trouver mon premier emploi",
    "new_job": "Retrouver un emploi dans mon métier",
    "reorientation": "Changer de métier",
    "create_company": "Créer ou reprendre une entreprise",
}
AREAS = {
    "city": "Dans ma ville seulement",
    "departement": "Dans mon département",
    "region": "Dans ma région",
    "country": "Partout en France",
}
SENIORITIES = {
    "none": "Aucune expérience",
    "junior": "Moins de 2 ans",
    "intermediate": "De 2 à 5 ans",
    "senior": "De 6 à 10 ans",
    "expert": "Plus de 10 ans",
}
PASSIONS = {
    "life_goal": "C'est le métier de ma vie",
    "passionate": "Il me passionne",
    "likeable": "Il me plaît",
    "alimentary": "C'est surtout pour gagner ma vie",
}
TRAININGS = {
    "nothing_required": "Ce métier ne demande pas de diplôme particulier",
    "enough_diplomas": "J'ai les diplômes demandés",
    "training_needed": "Il me faudrait une formation",
    "in_training": "Je suis en formation pour ce métier",
    "unknown": "Je ne sais pas",
}
WEEKLY_APPLICATIONS = {
    "0-2": "0 à 2 par semaine",
    "3-5": "3 à 5 par semaine",
    "6-15": "6 à 15 par semaine",
    "16+": "Plus de 15 par semaine",
}
NETWORKS = {
    "weak": "Peu de contacts utiles",
    "medium": "Quelques contacts utiles",
    "strong": "Beaucoup de contacts utiles",
}
EMPLOYMENT_TYPES = {
    "cdi": "CDI",
    "cdd": "CDD",
    "interim": "Intérim",
    "alternance": "Alternance",
}
FRUSTRATIONS = {
    "no_offers": "Je ne trouve pas assez d'offres",
    "no_interviews": "Je n'obtiens pas d'entretien",
    "no_answers": "Les recruteurs ne me répondent pas",
    "motivation": "J'ai du mal à garder ma motivation",
    "time_management": "J'ai du mal à organiser mon temps",
    "self_confidence": "Je manque de confiance en moi",
    "interview": "Les entretiens me mettent en difficulté",
    "resume": "Mon CV ne me met pas en valeur",
    "training": "Je ne trouve pas de formation adaptée",
    "age_discrimination": "Les employeurs me jugent sur mon âge",
    "sex_discrimination": "On me discrimine en raison de mon sexe",
    "disability": "Mon handicap freine ma recherche",
    "single_parent": "Être parent seul complique ma recherche",
    "atypic_profile": "Mon parcours est atypique",
    "salary": "Les salaires proposés sont trop bas",
    "little_experience": "Je manque d'expérience",
}
TOPICS = {
    "market": "Le marché du travail",
    "profile": "Votre profil",
    "project": "Votre projet",
    "search": "Votre recherche",
}
FEEDBACK = {
    "useful": "Utile",
    "done": "Fait",
    "not_for_me": "Pas pour moi",
}
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(iso: str) -> str:
    """'2026-12-02' → '2 décembre 2026' ('1er' on the first of a month); the text itself when not a date."""
    try:
        year, month, day = (int(part) for part in iso[:10].split("-"))
        name = MONTHS[month - 1]
    except (ValueError, IndexError):
        return iso
    return f"{'1er' if day == 1 else day}\u00a0{name} {year}"
