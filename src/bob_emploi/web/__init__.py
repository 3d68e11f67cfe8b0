"""Bob's web service: a Django adapter around the data bundle, JobSuggest and the advisor.

The only layer that imports Django. Modules:
- settings: every deployment choice read from environment variables;
- bundle: the read-only data bundle and the indexes built from it, loaded once per process;
- accounts: users, e-mail verification, password reset, guest mode;
- projects: profiles, projects, their latest diagnostic and the feedback on each advice;
- api: the JSON API (django-ninja, OpenAPI at /api/v1/docs);
- pages: the server-rendered pages (DSFR templates, htmx as progressive enhancement).
"""
