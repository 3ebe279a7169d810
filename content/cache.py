"""Purging the page cache when content changes."""

import logging

from wagtailcache.cache import clear_cache

logger = logging.getLogger(__name__)


def purge_page_cache(**kwargs):
    """Signal receiver: clear the page cache (it is its own cache alias, so nothing else is lost)."""
    try:
        clear_cache()
    except Exception:  # a cache outage must never block publishing; pages then expire by their timeout
        logger.exception("Could not purge the page cache")


def connect_purge_signals(*models):
    """Purge on page publish/unpublish and when one of the given (snippet) models is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished

    page_published.connect(purge_page_cache, dispatch_uid="purge_page_cache_published")
    page_unpublished.connect(purge_page_cache, dispatch_uid="purge_page_cache_unpublished")
    for model in models:
        post_save.connect(purge_page_cache, sender=model, dispatch_uid=f"purge_page_cache_save_{model.__name__}")
        post_delete.connect(purge_page_cache, sender=model, dispatch_uid=f"purge_page_cache_delete_{model.__name__}")
