"""WSGI entry point for gunicorn: `gunicorn bob_emploi.web.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bob_emploi.web.settings")
application = get_wsgi_application()
