"""The hybride match's admin menu and views (recruitment/hybrid/admin.py), registered when recruitment/wagtail_hooks.py
imports this module."""

from wagtail import hooks

from .admin import HybridMatchViewSetGroup


@hooks.register("register_admin_viewset")
def register_hybrid_match_viewsets():
    return HybridMatchViewSetGroup()
