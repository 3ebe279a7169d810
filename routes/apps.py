from django.apps import AppConfig


class RoutesConfig(AppConfig):
    name = "routes"
    verbose_name = "Routes"

    def ready(self):
        from .cache import register_route_dependents

        register_route_dependents()
