"""The pages a change to a route or one of the routes' snippets affects (content.cache purges them)."""

from django.db.models import Q

from content.cache import connect_purge_signals, register_dependents


def source_fields():
    """RoutePage's foreign keys to Source (a fact's source: entry_source, cost_source, ...)."""
    from .models import RoutePage, Source

    return [
        field.name
        for field in RoutePage._meta.get_fields()
        if getattr(field, "related_model", None) is Source and field.many_to_one
    ]


def register_route_dependents():
    from content.models import ConversationToolPage, EventIndexPage, HomePage

    from .models import Institution, PostcodeRange, Region, RouteFinderPage, RouteIndexPage, RoutePage, Source

    def listings(instance=None):
        """The pages that list routes: the route index (also an ancestor), the home page's featured routes and the
        route finder."""
        return [
            *RouteIndexPage.objects.live(),
            *HomePage.objects.live(),
            *RouteFinderPage.objects.live(),
            *ConversationToolPage.objects.live(),  # links to the routes done beside a job
        ]

    def routes_citing(source):
        query = Q()
        for name in source_fields():
            query |= Q(**{name: source})
        return [*RoutePage.objects.filter(query), *RouteIndexPage.objects.live()]

    def routes_at(institution):
        return [*RoutePage.objects.filter(programmes__institution=institution).distinct(), *listings()]

    def routes_in(region):
        """Every route (the finder's desks), the listings, and the agenda and events that name the region."""
        return [*RoutePage.objects.live(), *listings(), *EventIndexPage.objects.live(), *region.events.live()]

    register_dependents(RoutePage, listings)
    register_dependents(Source, routes_citing)
    register_dependents(Institution, routes_at)
    register_dependents(Region, routes_in)
    # The routes done beside a job link to the conversation tool when one is live.
    register_dependents(ConversationToolPage, lambda tool: RoutePage.objects.live())
    register_dependents(PostcodeRange, lambda postcode_range: RouteFinderPage.objects.live())
    connect_purge_signals(Institution, Region, PostcodeRange, Source)
