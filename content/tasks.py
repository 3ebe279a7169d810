"""Celery tasks of the content app. Idempotent: the database says what is left to do."""

import logging

from celery import shared_task

from .models import Conversation

logger = logging.getLogger(__name__)


def delete_inactive_conversations_now(now=None):
    """Delete every conversation nobody has opened or changed for CONVERSATION_RETENTION_DAYS; returns how many."""
    count, _by_model = Conversation.objects.inactive(now).delete()
    return count


@shared_task(soft_time_limit=5 * 60, time_limit=6 * 60)
def delete_inactive_conversations():
    """Daily (celery beat): the conversation tool keeps no conversation longer than its retention period without
    activity. A run that fails leaves the rest for the next one."""
    count = delete_inactive_conversations_now()
    if count:
        logger.info("Deleted %d inactive conversations", count)
    return count
