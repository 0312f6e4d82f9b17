"""Settings for klmeetings, read from the environment.

The defaults make `make run` work on one machine with no services: SQLite, an embedded Celery
broker under var/, e-mails written to the console. Production sets DATABASE_URL, REDIS_URL,
SECRET_KEY and the e-mail variables (see README.md).
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from klmeetings.static_headers import add_security_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var"))).resolve()

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the portal, used in e-mails and PDFs where no request is at hand.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "klmeetings.apps.SecretariatAdminConfig",  # django.contrib.admin, index by task
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "simple_history",
    "klmeetings",
    "outbox",
    "meetings",
    "agendas",
    "registrations",
    "mypages",
    "axes",
]

# The admin's index, grouped by the secretariat's tasks (klmeetings/admin_site.py).
ADMIN_GROUPS = {
    "Møder": [
        "meetings.meeting",
        "meetings.programmeday",
        "meetings.programmeslot",
        "meetings.parallelsession",
    ],
    "Dagsordener": ["agendas.agenda", "agendas.item", "agendas.standarditem"],
    "Tilmeldinger": [
        "registrations.registrationsettings",
        "registrations.registration",
        "registrations.invitation",
        "registrations.staffoverride",
        "outbox.message",
    ],
    "Personer og organisationer": [
        "meetings.person",
        "meetings.organiser",
        "meetings.membership",
        "auth.user",
        "auth.group",
    ],
    "System": [
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
        "meetings.region",
        "meetings.municipality",
    ],
}
ADMIN_MODEL_NAMES = {
    "axes.accessattempt": "Loginforsøg",
    "axes.accessfailurelog": "Mislykkede logins",
    "axes.accesslog": "Loginlog",
}

# How many reverse proxies stand in front of the portal (nginx, a load balancer): the client's
# address is read that far from the right of X-Forwarded-For (klmeetings/client_address.py).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

MIDDLEWARE = [
    "klmeetings.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # last, as django-axes asks: it turns a lockout into the Danish page below
    "axes.middleware.AxesMiddleware",
]

# Content Security Policy: scripts only from our own static files or inline with the
# request's nonce ({{ csp_nonce }}), nothing from other hosts. Inline style attributes stay
# allowed: the admin and the rich-text editor use them, and they cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The benchmarks (bench/) add a bare "ok" view as their ceiling through their own URLconf.
ROOT_URLCONF = env.str("ROOT_URLCONF", default="klmeetings.urls")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
            "builtins": ["klmeetings.templatetags.danish_dates"],
        },
    }
]

WSGI_APPLICATION = "klmeetings.wsgi.application"

# SQLite when DATABASE_URL is unset, so that `make run` needs no server.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'klmeetings.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement waiting longer than this for a lock gives up: a registration then shows "try
    # again" (registrations.services.registration.Busy) rather than holding a worker while 300
    # queue for a meeting (docs/benchmarks.md). Set for the connection, not per transaction,
    # so taking the meeting's lock costs no round trip of its own.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=20s"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # django-redis keeps one client per process; Django's own backend builds one per call
    # (the cost: docs/benchmarks.md).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs must not hold a request: its callers degrade (rate_limit,
            # page_cache) as when it is refused.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Each worker's own memory: the public pages it keeps (klmeetings.page_cache) and what the
# tilmeld form reads for every registration. A page from Redis would cost two round trips, as
# much as the bare view (docs/benchmarks.md).
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "klmeetings-local",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes) for the admin and the members' login: five failed attempts
# for one username from one address lock that pair out for 30 minutes (a town hall behind one
# address is not locked out by one colleague's typos); `manage.py axes_reset` lifts it at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Politicians sign in by an e-mail link (mypages/signin.py, django-sesame's tokens).
    "mypages.signin.LinkBackend",
]
LOGIN_URL = "mypages:sign_in"
LOGIN_REDIRECT_URL = "mypages:home"
# A sign-in link works for 15 minutes and once (a sign-in changes the user's last_login,
# which the token is signed with); the session it opens lasts a working day.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True
SIGN_IN_SESSION_SECONDS = env.int("SIGN_IN_SESSION_SECONDS", default=9 * 3600)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "meetings/locked_out.html"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
# USE_I18N and USE_TZ are on by Django's defaults.

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport under var/, so
# that `make run` has a worker and beat without Redis. The database, not the broker, holds what
# is owed (see outbox/), so a message lost by either transport only delays work.
CELERY_BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
    if REDIS_URL.startswith("redis://"):
        # kombu's Redis transport without the fault that killed a worker when Redis went away
        CELERY_BROKER_TRANSPORT = "klmeetings.broker:Transport"
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "out"),
        "data_folder_out": str(CELERY_BROKER_DIR / "out"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# The outbox (docs/architecture.md): how often beat sweeps it, and after how long a row left
# "sending" counts as abandoned by a dead worker (keep it above twice EMAIL_TIMEOUT).
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=60)
OUTBOX_STUCK_SECONDS = env.int("OUTBOX_STUCK_SECONDS", default=600)

# Registrations (registrations/privacy.py, views.py): days after a meeting before its
# participants' personal data is anonymised; tilmeld submissions allowed per IP address within
# the window (a town hall behind one address must still fit; the load test raises it).
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=180)
REGISTRATION_RATE_LIMIT = env.int("REGISTRATION_RATE_LIMIT", default=30)
REGISTRATION_RATE_WINDOW = env.int("REGISTRATION_RATE_WINDOW", default=600)

# Uploaded attachments (klmeetings/uploads.py): the largest file accepted.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)

# E-mail (Django 6.1's MAILERS). SMTP when EMAIL_HOST is set; otherwise printed to the console,
# decoded (klmeetings/console_mail.py), so `make run` shows readable text and whole links.
SMTP_HOST = env.str("EMAIL_HOST", default="")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env.int("EMAIL_PORT", default=25),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=False),
                "timeout": env.int("EMAIL_TIMEOUT", default=20),
            },
        }
        if SMTP_HOST
        else {"BACKEND": "klmeetings.console_mail.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="KL <noreply@kl.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening; all on unless DEBUG. Behind a TLS-terminating proxy, set
# SECURE_PROXY_SSL_HEADER_ENABLED so Django knows the request came over HTTPS.
# Django's defaults already send nosniff, Referrer-Policy: same-origin and X-Frame-Options:
# DENY, and keep the session cookie HttpOnly.
WHITENOISE_ADD_HEADERS_FUNCTION = add_security_headers
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER_ENABLED", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}
