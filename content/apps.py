from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Inhoud"

    def ready(self):
        from .cache import register_content_dependents

        register_content_dependents()
