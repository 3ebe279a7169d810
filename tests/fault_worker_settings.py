"""Settings for the Celery worker that tests/recruitment/test_faults.py runs as a separate process (to kill it with
SIGKILL): the test settings, with the real SMTP backend (the test settings use the locmem backend) and the queue the
test names, since the test settings give every process its own queue. EMAIL_HOST and EMAIL_PORT (the test's aiosmtpd
server), DATABASE_URL (the test database) and TEST_REDIS_DB come from the environment as usual."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CELERY_TASK_DEFAULT_QUEUE = os.environ["FAULT_WORKER_QUEUE"]
