"""Genders of ROME titles, on tricky labels taken from ROME v347."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bob_emploi.data.genderize import genderize, is_gender_variant
from bob_emploi.data.labels import AccentRestorer, clean_label


@pytest.mark.parametrize(
    ("label", "masculine", "feminine"),
    [
        ("Vendeur / Vendeuse en bijouterie", "Vendeur en bijouterie", "Vendeuse en bijouterie"),
        ("Technicien(ne) chimiste", "Technicien chimiste", "Technicienne chimiste"),
        ("Vendeur expert / Vendeuse experte retail", "Vendeur expert retail", "Vendeuse experte retail"),
        ("Secrétaire polyvalent / polyvalente", "Secrétaire polyvalent", "Secrétaire polyvalente"),
        (
            "Employé polyvalent / Employée polyvalente de restauration",
            "Employé polyvalent de restauration",
            "Employée polyvalente de restauration",
        ),
        (
            "Agent / Agente d'administration principal / principale des impôts",
            "Agent d'administration principal des impôts",
            "Agente d'administration principale des impôts",
        ),
        (
            "Contrôleur aérien / Contrôleuse aérienne directeur / directrice d'aérodrome",
            "Contrôleur aérien directeur d'aérodrome",
            "Contrôleuse aérienne directrice d'aérodrome",
        ),
        (
            "Cariste chargeur/déchargeur / chargeuse/déchargeuse",
            "Cariste chargeur/déchargeur",
            "Cariste chargeuse/déchargeuse",
        ),
        (
            "Conseiller/consultant / Conseillère/consultante en création d'entreprise",
            "Conseiller/consultant en création d'entreprise",
            "Conseillère/consultante en création d'entreprise",
        ),
        ("Ouvrier/Ouvrière de fabrication", "Ouvrier de fabrication", "Ouvrière de fabrication"),
        (
            "Accueillant familial/Accueillante familiale auprès d'adultes",
            "Accueillant familial auprès d'adultes",
            "Accueillante familiale auprès d'adultes",
        ),
        ("Accastilleur-gréeur / Accastilleuse-gréeuse", "Accastilleur-gréeur", "Accastilleuse-gréeuse"),
        ("Aide-maçon / Aide-maçonne", "Aide-maçon", "Aide-maçonne"),
        (
            "Accastilleur(se)-monteur(se) électronique de marine",
            "Accastilleur-monteur électronique de marine",
            "Accastilleuse-monteuse électronique de marine",
        ),
        (
            "Accompagnateur(trice) socioprofessionnel(le)",
            "Accompagnateur socioprofessionnel",
            "Accompagnatrice socioprofessionnelle",
        ),
        ("Chef(fe) de rayon", "Chef de rayon", "Cheffe de rayon"),
        ("Conseiller(ère) en insertion", "Conseiller en insertion", "Conseillère en insertion"),
        (
            "Responsable de site(s) industriel(s)",
            "Responsable de site(s) industriel(s)",
            "Responsable de site(s) industriel(s)",
        ),
        # Slashes that are not gender marks stay.
        ("Analyste biologie/microbiologie en industrie",) * 3,
        ("Conducteur / Conductrice de métro/RER", "Conducteur de métro/RER", "Conductrice de métro/RER"),
        ("Chroniqueur / Chroniqueuse TV / Radio", "Chroniqueur TV / Radio", "Chroniqueuse TV / Radio"),
        # Pairs with no common stem.
        ("Steward / Hôtesse de l'air", "Steward de l'air", "Hôtesse de l'air"),
        ("Garçon limonadier / Serveuse limonadière", "Garçon limonadier", "Serveuse limonadière"),
        ("Valet / Femme de chambre", "Valet de chambre", "Femme de chambre"),
        ("Cameraman / Camerawoman", "Cameraman", "Camerawoman"),
        ("Pizzaïolo / Pizzaïola", "Pizzaïolo", "Pizzaïola"),
        ("Groupiste/groupman / Groupiste/groupwoman", "Groupiste/groupman", "Groupiste/groupwoman"),
        # A typo of the source (Techicienne) still pairs.
        (
            "Technicien / Techicienne trace colorisation",
            "Technicien trace colorisation",
            "Techicienne trace colorisation",
        ),
        # Epicene titles.
        ("Secrétaire médical", "Secrétaire médical", "Secrétaire médical"),
    ],
)
def test_genderize_real_titles(label: str, masculine: str, feminine: str) -> None:
    result = genderize(label)
    assert (result.masculine, result.feminine) == (masculine, feminine)


@pytest.mark.parametrize(
    "label",
    ["Pilote de chasse / transport / hélicoptère de l'armée", "Tubiste / Contre tubiste", "Analyste prix / pricing"],
)
def test_unsure_labels_are_kept_whole_and_reported(label: str) -> None:
    result = genderize(label)
    assert result.masculine == result.feminine == label
    assert result.problem and "slash kept as text" in result.problem


@pytest.mark.parametrize(
    ("masculine", "feminine", "expected"),
    [
        ("Directeur", "Directrice", True),
        ("Ambassadeur", "Ambassadrice", True),
        ("Chef", "Cheffe", True),
        ("biologie", "microbiologie", False),
        ("Conseiller", "consultant", False),
        ("Préparateur(trice)", "presse", False),
        ("Groupiste", "groupman", False),
    ],
)
def test_gender_variants(masculine: str, feminine: str, expected: bool) -> None:
    assert is_gender_variant(masculine, feminine) is expected


@given(st.text(alphabet=st.sampled_from("aeéiourstnl()/ -'VE"), max_size=40))
def test_genderize_never_fails_and_keeps_words(label: str) -> None:
    result = genderize(label)
    assert isinstance(result.masculine, str)
    assert isinstance(result.feminine, str)
    if "/" not in label and "(" not in label:
        assert result.masculine == result.feminine == label


def test_clean_label_undoubles_apostrophes_and_restores_accents() -> None:
    restorer = AccentRestorer(["l'état des lieux", "un électricien et une éleveuse", "un entretien"])
    assert clean_label("Agent de l''Etat", restorer) == "Agent de l'État"
    assert clean_label("Electricien  / Electricienne", restorer) == "Électricien / Électricienne"
    assert clean_label("Eleveur", restorer) == "Éleveur"
    assert clean_label("Entretien", restorer) == "Entretien"  # "entretien" is written without accent
    assert clean_label("Expert", restorer) == "Expert"  # no evidence either way: unchanged
