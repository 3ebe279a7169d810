"""Factories for small route trees: a home page, the route index, the route finder and a few routes."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from routes.models import Institution, Region, RouteFinderPage, RouteIndexPage, RoutePage, RouteProgramme, Source
from routes.models.pages import JobCombination, Qualification, WorkExperience


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Regio {n}")
    provinces = "Utrecht"
    website = factory.Sequence(lambda n: f"https://regio{n}.example.org/")


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Hogeschool {n}")
    programme = "Leraar Technisch Beroepsonderwijs"
    website = factory.Sequence(lambda n: f"https://hogeschool{n}.example.org/")


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Bron {n}")
    publisher = "Rijksoverheid"
    published = "2024"
    url = factory.Sequence(lambda n: f"https://bron{n}.example.org/")


class RouteIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RouteIndexPage

    title = "Routes"
    slug = "routes"


class RouteFinderPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RouteFinderPage

    title = "Welke route past bij mij?"
    slug = "routewijzer"


class RoutePageFactory(wagtail_factories.PageFactory):
    """A route for hbo and wo graduates into a tweedegraads bevoegdheid for vmbo and mbo; override the facts."""

    class Meta:
        model = RoutePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Route {n}")
    for_whom = "Voor wie wil lesgeven in de techniek."
    accepts_hbo = True
    accepts_wo = True
    work_experience = WorkExperience.HELPFUL
    combines_with_job = JobCombination.PART_TIME
    for_vmbo = True
    for_mbo = True
    qualification = Qualification.SECOND_DEGREE
    duration = "2 jaar"
    duration_months = 24
    # One source for every group of facts, as the admin form demands before publishing.
    entry_source = factory.SubFactory(SourceFactory)
    experience_source = factory.SelfAttribute("entry_source")
    combination_source = factory.SelfAttribute("entry_source")
    qualification_source = factory.SelfAttribute("entry_source")
    duration_source = factory.SelfAttribute("entry_source")
    cost_source = factory.SelfAttribute("entry_source")
    funding_source = factory.SelfAttribute("entry_source")

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):
        """programmes=[institution, ...]: the route is offered by these colleges, under their programme names."""
        if extracted:
            self.programmes = [
                RouteProgramme(institution=institution, name=institution.programme, sort_order=i)
                for i, institution in enumerate(extracted)
            ]
            if create:
                self.save()  # gives the programmes their ids
                self.save_revision().publish()
