"""WSGI entry point for gunicorn: `gunicorn bob_emploi.web.wsgi:application`.

Each worker loads the read-only data bundle when it starts (not at its first request),
so a worker that cannot find the bundle fails at boot with a clear error.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bob_emploi.web.settings")
application = get_wsgi_application()

from bob_emploi.web.bundle import warm_up  # noqa: E402  (needs the settings set up above)

warm_up()
