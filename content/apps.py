from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Inhoud"

    def ready(self):
        from . import fragments
        from .cache import register_content_dependents
        from .models import GlossaryTerm, PracticeExample, SiteSettings

        register_content_dependents()
        fragments.connect(SiteSettings, GlossaryTerm, PracticeExample)  # search results show practice examples
