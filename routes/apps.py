from django.apps import AppConfig


class RoutesConfig(AppConfig):
    name = "routes"
    verbose_name = "Routes"

    def ready(self):
        from content.cache import connect_purge_signals

        from .models import Institution, PostcodeRange, Region

        connect_purge_signals(Institution, Region, PostcodeRange)
