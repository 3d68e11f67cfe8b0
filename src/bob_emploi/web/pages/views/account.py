"""Account pages: sign up (taking over a guest's diagnostic), log in and out, password reset,
e-mail verification, my projects, export and deletion. The work is done by the services of
`bob_emploi.web.accounts` and `bob_emploi.web.projects`; these views only show forms."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from bob_emploi.web.accounts import services as accounts
from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.coaching import forms as coaching_forms
from bob_emploi.web.coaching import services as coaching
from bob_emploi.web.pages import diagnosis, onboarding
from bob_emploi.web.pages.layout import Crumb, page
from bob_emploi.web.projects import services as projects
from bob_emploi.web.throttling.responses import with_retry_after
from bob_emploi.web.throttling.services import Throttled

BACKEND = "django.contrib.auth.backends.ModelBackend"  # the session remembers it; axes only counts
# The address this browser signed up with: its verification link then opens the account here.
SIGNUP_KEY = "bob_signup_email"


def _email_field(label: str = "Adresse e-mail", help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=accounts.MAX_EMAIL_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email", "spellcheck": "false"}),
        error_messages={"required": "Saisissez votre adresse e-mail."},
    )


class SignUpForm(forms.Form):
    email = _email_field(help_text="Format attendu : nom@domaine.fr")
    password = forms.CharField(
        label="Mot de passe",
        help_text="Au moins 10 caractères, ni trop courant ni uniquement des chiffres.",
        max_length=accounts.MAX_PASSWORD_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Choisissez un mot de passe."},
    )
    coaching = coaching_forms.consent_field()  # unticked: the follow-up e-mails only for who asks


class LoginForm(forms.Form):
    email = _email_field()
    password = forms.CharField(
        label="Mot de passe",
        max_length=accounts.MAX_PASSWORD_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Saisissez votre mot de passe."},
    )
    # Shown only when the session holds a guest's diagnostic: on a shared computer it may be the
    # previous visitor's, so it is saved in the account only when asked for.
    keep_diagnostic = forms.BooleanField(
        label="Enregistrer dans mon compte le diagnostic fait sur cet appareil",
        help_text="Ne cochez pas cette case si quelqu'un d'autre a fait ce diagnostic (ordinateur partagé).",
        required=False,
    )


class ResetRequestForm(forms.Form):
    email = _email_field("Adresse e-mail de votre compte")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label="Pour confirmer, tapez SUPPRIMER",
        max_length=50,
        error_messages={"required": "Tapez SUPPRIMER pour confirmer la suppression."},
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip().upper() != "SUPPRIMER":
            raise ValidationError("Tapez exactement SUPPRIMER pour confirmer la suppression.")
        return value


def _error_count(form: forms.Form) -> int:
    return sum(len(errors) for errors in form.errors.values())


def _title(title: str, error_count: int) -> str:
    """The page's <title>: a screen reader hears first that the form came back with errors."""
    return f"Erreur : {title}" if error_count else title


def _connection_message(user: User, *, connected: bool) -> str:
    """Bob addresses the person in their gender when they gave it (the profile's only use of it);
    otherwise a neutral sentence, never "connecté·e", which screen readers spell out."""
    gender = projects.profile_of(user).gender
    if gender == "unknown":
        return "Connexion réussie." if connected else "Déconnexion réussie."
    word = "connecté" if connected else "déconnecté"
    return f"Vous êtes {word}{'e' if gender == 'feminine' else ''}."


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _take_over_guest(request: HttpRequest, user: User) -> int | None:
    """Saves the visitor's diagnostic in the account they just opened (or logged into)."""
    guest = diagnosis.guest(request.session)
    if guest is None:
        return None
    project = projects.claim_guest(user, guest.input, guest.raw_output)
    for advice_id, value in guest.feedback.items():
        try:
            projects.set_feedback(user, project.pk, advice_id, value)
        except (ValueError, projects.UnknownAdvice):
            continue
    diagnosis.forget_guest(request.session)
    onboarding.reset(request.session)
    return int(project.pk)


def _log_in(request: HttpRequest, user: User, guest: diagnosis.GuestDiagnostic | None) -> int | None:
    """Logs the user in and saves the visitor's diagnostic, with its feedback, in their account.

    `login` keeps the session's content, or empties it when another account was logged in:
    the guest's diagnostic, read before, is put back to be taken over, then forgotten.
    """
    login(request, user, backend=BACKEND)
    if guest is None:
        return None
    diagnosis.store_guest(request.session, guest.input, guest.output)
    for advice_id, value in guest.feedback.items():
        diagnosis.set_guest_feedback(request.session, advice_id, value)
    return _take_over_guest(request, user)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The same answer whether the address is new or already has an account: the e-mail tells."""
    if request.user.is_authenticated:
        return redirect("pages:projects")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = accounts.normalize_email(form.cleaned_data["email"])
        try:
            created = accounts.sign_up(email, form.cleaned_data["password"], request)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        except Throttled as error:
            form.add_error(None, error.message)
            page_429 = _form_page(request, "pages/account/signup.html", "Créer un compte", form, status=429)
            return with_retry_after(page_429, error.retry_after)
        else:
            if created is not None and form.cleaned_data["coaching"]:  # an existing account's choice stays its own
                coaching.set_consent(created, True)
            request.session[SIGNUP_KEY] = email
            return redirect("pages:signup_done")
    return _form_page(request, "pages/account/signup.html", "Créer un compte", form)


def signup_done(request: HttpRequest) -> HttpResponse:
    email = request.session.get(SIGNUP_KEY)
    if not isinstance(email, str):
        return redirect("pages:signup")
    keeps = " Votre diagnostic y sera enregistré." if diagnosis.guest(request.session) is not None else ""
    text = (
        f"Nous avons envoyé un e-mail à {email}. Ouvrez le lien qu'il contient pour confirmer votre adresse et "
        f"ouvrir votre compte.{keeps} Si vous aviez déjà un compte avec cette adresse, l'e-mail vous le rappelle. "
        "Pensez à regarder dans vos courriers indésirables."
    )
    return render(request, "pages/account/message.html", page("Consultez vos e-mails", [], text=text))


def _form_page(
    request: HttpRequest,
    template: str,
    title: str,
    form: forms.Form,
    crumbs: list[Crumb] | None = None,
    *,
    status: int | None = None,
    **extra: object,
) -> HttpResponse:
    error_count = _error_count(form)
    context = page(
        _title(title, error_count),
        crumbs if crumbs is not None else [],
        form=form,
        error_count=error_count,
        has_guest_diagnostic=diagnosis.guest(request.session) is not None,
        next=request.POST.get("next") or request.GET.get("next") or "",
        **extra,
    )
    return render(request, template, context, status=status or (400 if form.errors else 200))


@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        guest = diagnosis.guest(request.session)
        try:
            user = accounts.log_in(request, form.cleaned_data["email"], form.cleaned_data["password"])
        except Throttled as error:
            form.add_error(None, error.message)
            page_429 = _form_page(request, "pages/account/login.html", "Se connecter", form, status=429)
            return with_retry_after(page_429, error.retry_after)
        if getattr(request, "axes_locked_out", False):
            form.add_error(None, accounts.LOCKED_OUT_MESSAGE)
            return _form_page(request, "pages/account/login.html", "Se connecter", form, status=429)
        if user is None or not user.is_active:
            form.add_error("password", "Adresse e-mail ou mot de passe incorrect.")
        else:
            project_id = _log_in(request, user, guest if form.cleaned_data["keep_diagnostic"] else None)
            # Nothing a previous visitor typed in this browser stays in the person's session.
            diagnosis.forget_guest(request.session)
            onboarding.reset(request.session)
            connected = _connection_message(user, connected=True)
            if project_id:
                messages.success(request, f"{connected} Votre nouveau diagnostic est enregistré.")
                return redirect("pages:project_diagnostic", project_id=project_id)
            messages.success(request, connected)
            return redirect(_next_url(request, reverse("pages:projects")))
    return _form_page(request, "pages/account/login.html", "Se connecter", form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    message = _connection_message(user, connected=False) if isinstance(user, User) else "Déconnexion réussie."
    logout(request)
    messages.info(request, message)
    return redirect("pages:home")


@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    crumbs = [Crumb("Se connecter", reverse("pages:login"))]
    if request.method == "POST" and form.is_valid():
        try:
            accounts.send_password_reset(form.cleaned_data["email"], request)
        except Throttled as error:
            form.add_error(None, error.message)
            template, title = "pages/account/password_reset.html", "Mot de passe oublié"
            return with_retry_after(_form_page(request, template, title, form, crumbs, status=429), error.retry_after)
        return redirect("pages:password_reset_done")
    return _form_page(request, "pages/account/password_reset.html", "Mot de passe oublié", form, crumbs)


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/account/message.html",
        page(
            "E-mail envoyé",
            [Crumb("Se connecter", reverse("pages:login"))],
            text="Si un compte existe avec cette adresse, vous allez recevoir un e-mail avec un lien pour choisir "
            "un nouveau mot de passe. Pensez à regarder dans vos courriers indésirables.",
        ),
    )


if TYPE_CHECKING:  # the stubs make the form generic; Django's class is not subscriptable
    _SetPasswordForm = SetPasswordForm[User]
else:
    _SetPasswordForm = SetPasswordForm


class FrenchSetPasswordForm(_SetPasswordForm):
    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "Nouveau mot de passe"
        self.fields["new_password1"].help_text = "Au moins 10 caractères, ni trop courant ni uniquement des chiffres."
        self.fields["new_password2"].label = "Confirmez le nouveau mot de passe"
        self.fields["new_password2"].help_text = ""


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "pages/account/password_reset_confirm.html"
    form_class = FrenchSetPasswordForm
    success_url = reverse_lazy("pages:password_reset_complete")

    def form_valid(self, form: _SetPasswordForm) -> HttpResponse:
        # Django logs the other sessions out (their hash no longer matches); API tokens must go too.
        response = super().form_valid(form)
        accounts.revoke_all_api_tokens(form.user)
        return response

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        errors = _error_count(form) if isinstance(form, forms.Form) else 0
        context.update(
            page(
                _title("Choisir un nouveau mot de passe", errors),
                [Crumb("Se connecter", reverse("pages:login"))],
                error_count=errors,
            )
        )
        return context


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    messages.success(request, "Votre mot de passe a été changé : vous pouvez vous connecter.")
    return redirect("pages:login")


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Confirms the address; in the browser that signed up, also opens the account (with the guest's diagnostic)."""
    user = accounts.verify_email(uidb64, token)
    if user is None:
        text = "Ce lien de confirmation n'est pas valable ou a expiré. Connectez-vous pour en recevoir un nouveau."
        title = "Lien non valable"
    elif request.session.get(SIGNUP_KEY) == user.email and user.is_active:
        request.session.pop(SIGNUP_KEY)
        project_id = _log_in(request, user, diagnosis.guest(request.session))
        diagnosis.forget_guest(request.session)
        onboarding.reset(request.session)
        messages.success(
            request,
            f"Votre adresse {user.email} est confirmée et votre compte est ouvert."
            + (" Votre diagnostic y est enregistré." if project_id else ""),
        )
        if project_id:
            return redirect("pages:project_diagnostic", project_id=project_id)
        return redirect("pages:projects")
    else:
        text = f"Merci, votre adresse {user.email} est confirmée."
        title = "Adresse e-mail confirmée"
    return render(request, "pages/account/message.html", page(title, [], text=text), status=200 if user else 400)


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not user.email_verified:
        try:
            accounts.resend_verification_email(user, request)
        except Throttled as error:
            messages.error(request, error.message)
            page_429 = _form_page(
                request, "pages/account/account.html", "Mon compte", DeleteAccountForm(), account_user=user, status=429
            )
            return with_retry_after(page_429, error.retry_after)
        messages.success(request, f"Un nouvel e-mail de confirmation a été envoyé à {user.email}.")
    return redirect("pages:account")


# --- My projects ----------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # login_required guarantees it
        raise Http404
    return user


def _own_project(user: User, project_id: int) -> projects.Project:
    try:
        return projects.get_project(user, project_id)
    except projects.Project.DoesNotExist:
        raise Http404("Ce projet n'existe pas ou n'est pas le vôtre.") from None


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request, "pages/account/projects.html", page("Mes projets", [], nav="projects", projects=project_rows(user))
    )


def project_rows(user: User) -> list[dict[str, Any]]:
    """The person's projects as the pages list them: job, city, score, and where they said they stand."""
    gender = projects.profile_of(user).gender
    stands = checkins.latest_by_project(user)
    rows = []
    for project in projects.list_projects(user):
        data = project.data
        rows.append(
            {
                "id": project.pk,
                "job": onboarding.job_label(data.get("target_job"), gender) or "Projet à préciser",
                "city": onboarding.city_label(data.get("city")),
                "updated_at": project.updated_at,
                "score": (project.diagnostic or {}).get("diagnostic", {}).get("score"),
                "checkin": stands.get(project.pk),
            }
        )
    return rows


@login_required
@require_POST
def project_new(request: HttpRequest) -> HttpResponse:
    """A new project: the onboarding again, starting with the saved profile."""
    user = _user(request)
    onboarding.reset(request.session)
    request.session.pop(onboarding.EDIT_KEY, None)
    profile = projects.profile_of(user).model_dump(mode="json")
    answers = onboarding.input_from_answers({"profile": profile, "project": {}})
    state = onboarding.load(request.session)
    state["raw"]["vous"] = answers["vous"]
    request.session[onboarding.SESSION_KEY] = state
    return redirect("pages:onboarding", step="vous")


@login_required
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    user = _user(request)
    project = _own_project(user, project_id)
    # The stored answers as they are, even if they no longer fit the data: the steps check them again.
    data = {"profile": projects.profile_of(user).model_dump(mode="json"), "project": dict(project.data)}
    onboarding.start_from(request.session, data, timezone.localdate())
    request.session[onboarding.EDIT_KEY] = project.pk
    return redirect("pages:onboarding", step="vous")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_delete(request: HttpRequest, project_id: int) -> HttpResponse:
    user = _user(request)
    project = _own_project(user, project_id)
    if request.method == "POST":
        with contextlib.suppress(projects.Project.DoesNotExist):  # or deleted meanwhile, by another request
            projects.delete_project(user, project.pk)
        messages.success(request, "Le projet est supprimé.")
        return redirect("pages:projects")
    label = (
        onboarding.job_label(project.data.get("target_job"), projects.profile_of(user).gender) or "Projet à préciser"
    )
    context = page("Supprimer un projet", [Crumb("Mes projets", reverse("pages:projects"))], project_label=label)
    return render(request, "pages/account/project_delete.html", context)


# --- My account: export and deletion --------------------------------------------------------


@login_required
def account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm()
    return _form_page(request, "pages/account/account.html", "Mon compte", form, account_user=_user(request))


@login_required
def export(request: HttpRequest) -> HttpResponse:
    return projects.export_download(_user(request))


@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _form_page(request, "pages/account/account.html", "Mon compte", form, account_user=_user(request))
    user = _user(request)
    logout(request)
    projects.delete_account(user)
    messages.success(request, "Votre compte et toutes vos données sont supprimés.")
    return redirect("pages:home")
