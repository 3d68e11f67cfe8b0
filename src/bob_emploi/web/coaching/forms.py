"""The follow-up e-mails' settings, as the sign-up and account pages ask for them."""

from __future__ import annotations

from django import forms

from bob_emploi.web.coaching.models import Subscription

CONSENT_LABEL = "Je souhaite recevoir les e-mails de suivi de Bob"
CONSENT_HELP = (
    "Un premier e-mail quelques jours après l'inscription, puis un toutes les quelques semaines, sur votre "
    "priorité et votre plan d'action. Vous pouvez arrêter en un clic depuis chaque e-mail."
)


def consent_field() -> forms.BooleanField:
    return forms.BooleanField(label=CONSENT_LABEL, help_text=CONSENT_HELP, required=False, initial=False)


class CoachingForm(forms.Form):
    consent = consent_field()
    frequency = forms.TypedChoiceField(
        label="Fréquence",
        choices=Subscription.Frequency.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une fréquence.",
            "invalid_choice": "Choisissez une fréquence parmi celles proposées.",
        },
    )
