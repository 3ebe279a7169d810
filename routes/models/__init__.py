from .pages import RouteFinderPage, RouteIndexPage, RoutePage, RouteProgramme, RouteStep
from .snippets import Institution, PostcodeRange, Region, Source

__all__ = [
    "Institution",
    "PostcodeRange",
    "Region",
    "RouteFinderPage",
    "RouteIndexPage",
    "RoutePage",
    "RouteProgramme",
    "RouteStep",
    "Source",
]
