from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Inhoud"

    def ready(self):
        from .cache import connect_purge_signals
        from .models import PracticeExample, SiteSettings

        connect_purge_signals(PracticeExample, SiteSettings)
