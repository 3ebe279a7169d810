import pytest

from .factories import RegionFactory, RouteFinderPageFactory, RouteIndexPageFactory


@pytest.fixture
def finder_tree(home_page):
    """Home with a route index (no routes yet), the route finder and one regional desk."""
    index = RouteIndexPageFactory(parent=home_page)
    finder = RouteFinderPageFactory(parent=home_page)
    region = RegionFactory(name="Midden")
    return {"home": home_page, "index": index, "finder": finder, "region": region}
