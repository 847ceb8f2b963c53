from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lantern.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
