from django.apps import AppConfig


class NewsclaimsConfig(AppConfig):
    name = "newsclaims"
    verbose_name = "newsclaims"
    default_auto_field = "django.db.models.BigAutoField"
