"""Django settings, all from environment variables so one image serves every deployment.

Development needs none: SQLite in var/, DEBUG on, e-mails printed on the console.
Production sets BOB_ENV=production, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, BOB_BUNDLE
and the EMAIL_* variables; see docs/deployment.md.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import dj_database_url

PRODUCTION = os.environ.get("BOB_ENV") == "production"
BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BOB_VAR_DIR", Path.cwd() / "var"))

DEBUG = not PRODUCTION and os.environ.get("DEBUG", "1") == "1"
if PRODUCTION:
    SECRET_KEY = os.environ["SECRET_KEY"]
    ALLOWED_HOSTS = [host.strip() for host in os.environ["ALLOWED_HOSTS"].split(",") if host.strip()]
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    ALLOWED_HOSTS = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",  # for `clearsessions`; the sessions are bob_emploi.web.accounts.models.Session
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "dsfr",
    "django_htmx",  # only for its copy of htmx (static files); see pages/templates/pages/advice.html
    "ninja",
    "axes",
    "bob_emploi.web.accounts",
    "bob_emploi.web.projects",
    "bob_emploi.web.pages",
    "bob_emploi.web.throttling",
    "bob_emploi.web.plan",
    "bob_emploi.web.checkins",
    "bob_emploi.web.insights",
    "django_tasks",
    "django_tasks_db",
    "bob_emploi.web.coaching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bob_emploi.web.security.ContentSecurityPolicyMiddleware",
    "bob_emploi.web.security.UriTooLongMiddleware",
    "bob_emploi.web.security.NoStoreMiddleware",
    "bob_emploi.web.api.errors.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bob_emploi.web.pages.account_gone.AccountGoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Database sessions that know their user: see bob_emploi.web.accounts.models.Session.
SESSION_ENGINE = "bob_emploi.web.accounts.sessions"

ROOT_URLCONF = "bob_emploi.web.urls"
WSGI_APPLICATION = "bob_emploi.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'bob.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file. A transaction takes the write lock when it begins
    # (IMMEDIATE): a deferred one that read first could not upgrade and failed at once with
    # "database is locked", where waiting (the busy timeout, seconds) would have done. WAL lets
    # readers go on while one worker writes. Meant for one machine; production uses PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when BOB_CACHE_URL names one (production: shared by every worker and machine),
# else this process's memory. Only France Travail's live results are cached (bob_emploi.web.opportunities).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["BOB_CACHE_URL"]}
        if os.environ.get("BOB_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Live offers and employers from France Travail's partner APIs, when FT_CLIENT_ID and
# FT_CLIENT_SECRET are set (BOB_OPPORTUNITIES=0 turns them off): kept 6 hours, and after a
# failure the search links stand in for 5 minutes (or the API's Retry-After) before a new try.
BOB_OPPORTUNITIES_ENABLED = os.environ.get("BOB_OPPORTUNITIES", "1") != "0"
BOB_OPPORTUNITIES_TTL = int(os.environ.get("BOB_OPPORTUNITIES_TTL", str(6 * 3600)))
BOB_OPPORTUNITIES_RETRY = int(os.environ.get("BOB_OPPORTUNITIES_RETRY", "300"))

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "pages:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The load balancers and reverse proxies in front of Bob (addresses or CIDR networks, comma-separated):
# only when the TCP peer is one of them is X-Forwarded-For read, from the right, for the client's
# address (bob_emploi.web.throttling.clientip). Empty: the peer is the client.
BOB_TRUSTED_PROXIES = [value.strip() for value in os.environ.get("BOB_TRUSTED_PROXIES", "").split(",") if value.strip()]
for _proxy in BOB_TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo stops the boot, naming the value
# Request URIs longer than this get a 414 (JSON under /api/); gunicorn lets up to 8190 bytes through.
BOB_MAX_URI_LENGTH = 4096

# Login throttling: after 5 failures for a user name from one address, 30 minutes of refusals; more
# limits per IP and per account, and on sign-ups and e-mails, in bob_emploi.web.throttling.services.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # what Django's AuthenticationForm posts and passes to authenticate
AXES_USERNAME_CALLABLE = "bob_emploi.web.accounts.services.axes_username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "bob_emploi.web.throttling.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "bob_emploi.web.throttling.responses.lockout_response"  # 429 + Retry-After, JSON under /api/

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production, serve static files straight from the apps (no collectstatic, no var/static needed).
WHITENOISE_AUTOREFRESH = not PRODUCTION
# The JobSuggest widgets (bob_emploi.jobsuggest.static) are served as /static/jobsuggest/….
STATICFILES_DIRS = [("jobsuggest", BASE_DIR.parent / "jobsuggest" / "static")]

# Inputs are small: a project is a few hundred bytes. Refuse anything large before parsing it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

# E-mail: printed on the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Bob <ne-pas-repondre@bob.localhost>")
# The site's address as the e-mails link to it (no request to read it from in a worker).
BOB_SITE_URL = os.environ.get("BOB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background tasks (the follow-up e-mails): Django's Tasks framework (the django-tasks backport) with
# its database backend, so the queue is the app's own database and `make run` needs no other service.
# Workers: `bob coaching worker` (docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Follow-up e-mails (bob_emploi.web.coaching): at most this many e-mails a second per worker; a refused
# e-mail is tried again after BACKOFF, 2×, 4×… seconds, RETRIES times at most.
BOB_COACHING_RATE = float(os.environ.get("BOB_COACHING_RATE", "100"))
BOB_COACHING_RETRIES = int(os.environ.get("BOB_COACHING_RETRIES", "5"))
BOB_COACHING_BACKOFF = float(os.environ.get("BOB_COACHING_BACKOFF", "60"))
# An account nobody used for this many days is warned by e-mail, then deleted GRACE days after the warning.
BOB_INACTIVE_DAYS = int(os.environ.get("BOB_INACTIVE_DAYS", "730"))
BOB_INACTIVE_GRACE_DAYS = int(os.environ.get("BOB_INACTIVE_GRACE_DAYS", "30"))

# Security headers. The CSP forbids inline scripts and any other host.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django 5.2 has no built-in CSP: bob_emploi.web.security.ContentSecurityPolicyMiddleware sends this.
BOB_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo: the operator opts in once HTTPS works on every subdomain.
    SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD") == "1"
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

# The read-only data bundle (see bob_emploi.data); loaded once per process.
BOB_BUNDLE = os.environ.get("BOB_BUNDLE", "")
# Market figures are labelled "format sample, not real statistics" on every page unless the
# operator declares that the bundle was built from the real IMT/BMO files.
BOB_MARKET_DATA_IS_REAL = os.environ.get("BOB_MARKET_DATA_IS_REAL") == "1"
# Who publishes this deployment, for the legal notice, the privacy page and the header
# (bob_emploi.web.pages.deployment): unset, the pages say plainly that this is a development
# instance. The State's Marianne block shows only when the deployment is a State service.
BOB_PUBLISHER_NAME = os.environ.get("BOB_PUBLISHER_NAME", "").strip()
BOB_PUBLISHER_ADDRESS = os.environ.get("BOB_PUBLISHER_ADDRESS", "").strip()
BOB_PUBLICATION_DIRECTOR = os.environ.get("BOB_PUBLICATION_DIRECTOR", "").strip()
BOB_CONTACT_EMAIL = os.environ.get("BOB_CONTACT_EMAIL", "").strip()
BOB_HOST = os.environ.get("BOB_HOST", "").strip()  # the hosting provider: name, address, telephone
BOB_STATE_SERVICE = os.environ.get("BOB_STATE_SERVICE") == "1"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
