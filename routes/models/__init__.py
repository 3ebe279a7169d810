from .pages import RouteFinderPage, RouteIndexPage, RoutePage, RouteProgramme
from .snippets import Institution, PostcodeRange, Region

__all__ = ["Institution", "PostcodeRange", "Region", "RouteFinderPage", "RouteIndexPage", "RoutePage", "RouteProgramme"]
