from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bob_emploi.web.accounts"
    label = "accounts"
    verbose_name = "Comptes"
