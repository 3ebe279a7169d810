from django.conf import settings
from django.core.management.base import BaseCommand

from content.tasks import delete_inactive_conversations_now


class Command(BaseCommand):
    help = "Delete the conversations (gesprekskaarten) without activity for CONVERSATION_RETENTION_DAYS days."

    def handle(self, *args, **options):
        count = delete_inactive_conversations_now()
        if options["verbosity"] >= 1:
            days = settings.CONVERSATION_RETENTION_DAYS
            self.stdout.write(f"{count} conversation(s) without activity for {days} days deleted.")
