"""The recruitment app's signals: how the services announce work for the Celery tasks without importing them."""

from django.dispatch import Signal

# Sent inside the transaction that stored a registration's new messages (keyword argument ``registration_id``).
# recruitment/tasks.py enqueues their delivery once the transaction commits.
messages_ready = Signal()
