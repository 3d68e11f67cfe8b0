"""The job seeker's pages. URL names `verify_email` and `password_reset_confirm` are those of
the e-mails sent by `bob_emploi.web.accounts.services`: keep them."""

from django.urls import path

from bob_emploi.web.pages.methods import post_only
from bob_emploi.web.pages.views import account, checkin, diagnostic, jobs, onboarding, plan, public

app_name = "pages"

urlpatterns = [
    path("", public.home, name="home"),
    path("mentions-legales", public.legal_notice, name="legal_notice"),
    path("donnees-personnelles", public.privacy, name="privacy"),
    path("accessibilite", public.accessibility, name="accessibility"),
    # Onboarding and a visitor's diagnostic.
    path("diagnostic/commencer", onboarding.start, name="onboarding_start"),
    path("diagnostic/etape/<str:step>", onboarding.step_view, name="onboarding"),
    path("diagnostic/explorer", onboarding.explore, name="onboarding_explore"),
    path("diagnostic/", diagnostic.guest_diagnostic, name="guest_diagnostic"),
    path("diagnostic/conseils/<str:advice_id>", diagnostic.guest_advice, name="guest_advice"),
    path(
        "diagnostic/conseils/<str:advice_id>/avis",
        post_only("pages:guest_advice", "advice_id")(diagnostic.guest_feedback),
        name="guest_feedback",
    ),
    # Jobs.
    path("metiers/<str:code_rome>", jobs.job_page, name="job"),
    # Accounts.
    path("compte/inscription", account.signup, name="signup"),
    path("compte/inscription/envoye", account.signup_done, name="signup_done"),
    path("compte/connexion", account.login_view, name="login"),
    path("compte/deconnexion", post_only("pages:home")(account.logout_view), name="logout"),
    path("compte/mot-de-passe-oublie", account.password_reset, name="password_reset"),
    path("compte/mot-de-passe-oublie/envoye", account.password_reset_done, name="password_reset_done"),
    path(
        "compte/nouveau-mot-de-passe/<uidb64>/<token>",
        account.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("compte/nouveau-mot-de-passe/fait", account.password_reset_complete, name="password_reset_complete"),
    path("compte/confirmer/<uidb64>/<token>", account.verify_email, name="verify_email"),
    path(
        "compte/confirmer/renvoyer",
        post_only("pages:account")(account.resend_verification),
        name="resend_verification",
    ),
    path("compte/", account.account, name="account"),
    path("compte/ou-en-etes-vous", checkin.checkin, name="checkin"),
    path("compte/export", account.export, name="export"),
    path("compte/supprimer", post_only("pages:account")(account.delete_account), name="delete_account"),
    # My projects.
    path("projets/", account.project_list, name="projects"),
    path("projets/nouveau", post_only("pages:projects")(account.project_new), name="project_new"),
    path("projets/<int:project_id>/", diagnostic.project_diagnostic, name="project_diagnostic"),
    path("projets/<int:project_id>/modifier", account.project_edit, name="project_edit"),
    path("projets/<int:project_id>/supprimer", account.project_delete, name="project_delete"),
    path(
        "projets/<int:project_id>/refaire",
        post_only("pages:project_diagnostic", "project_id")(diagnostic.project_rediagnose),
        name="project_rediagnose",
    ),
    path("projets/<int:project_id>/conseils/<str:advice_id>", diagnostic.project_advice, name="project_advice"),
    # The action plan of a project.
    path("projets/<int:project_id>/plan", plan.plan_page, name="plan"),
    path(
        "projets/<int:project_id>/plan/ajouter", post_only("pages:plan", "project_id")(plan.plan_add), name="plan_add"
    ),
    path(
        "projets/<int:project_id>/plan/<int:step_id>",
        post_only("pages:plan", "project_id")(plan.plan_step),
        name="plan_step",
    ),
    path(
        "projets/<int:project_id>/conseils/<str:advice_id>/avis",
        post_only("pages:project_advice", "project_id", "advice_id")(diagnostic.project_feedback),
        name="project_feedback",
    ),
]
