from django.apps import AppConfig


class RoutesConfig(AppConfig):
    name = "routes"
    verbose_name = "Routes"

    def ready(self):
        from content import fragments

        from .cache import register_route_dependents
        from .models import Institution, PostcodeRange, Region, Source

        register_route_dependents()
        # Kept route pages hold their programmes' colleges and sources, the route finder and the registrations'
        # postcode lookup the regions: a change to any of them is a change to published content
        # (content/fragments.py).
        fragments.connect(Institution, Region, PostcodeRange, Source)
