"""One settings module, driven by environment variables.

Development and embedded use need nothing set: SQLite under ./var, a secret key generated once
and kept in ./var. Production sets DATABASE_URL (PostgreSQL), TAAWUN_SECRET_KEY (or
TAAWUN_SECRET_KEY_FILE), TAAWUN_ALLOWED_HOSTS and TAAWUN_DEBUG=0.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (for secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("TAAWUN_VAR_DIR", str(Path.cwd() / "var"))).resolve()


def _secret_key() -> str:
    configured = env("TAAWUN_SECRET_KEY")
    if configured:
        return configured
    # Embedded mode: generate one key per installation and keep it, so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("TAAWUN_DEBUG", False)
ALLOWED_HOSTS = env_list("TAAWUN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "taawun.core",
    "taawun.accounts",
    "taawun.records",
    "taawun.registry",
    "taawun.agreements",
    "taawun.training",
    "taawun.knowledge",
    "taawun.programmes",  # after agreements: adds to the engagement's and session's pages
    "taawun.web",
    "taawun.audit",
    "taawun.ops",
    "taawun.ingest",
    "taawun.schedule",
    "taawun.notifications",
    "taawun.search",
    "taawun.api",
    "taawun.reports",
    "taawun.minutes",  # after the apps whose pages it adds to (catalog.provide), before attachments
    "taawun.attachments",  # after the apps whose records it gives pages to (catalog.provide)
    "taawun.demo",
    "taawun.projections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refused accesses are audited after the response is sent (so a hidden record's 404 costs what
    # a missing one's does): outermost but one, so it sees every view's refusals.
    "taawun.audit.middleware.DeferredRefusalsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "taawun.core.time_limits.TooLongMiddleware",
    "taawun.core.request_limits.RequestLimitsMiddleware",  # before CSRF, which reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "taawun.accounts.middleware.SessionLimitsMiddleware",
    "taawun.accounts.middleware.SecondFactorMiddleware",
    "taawun.accounts.middleware.PasswordChangeMiddleware",  # after the second factor
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees every failed login the views above produced.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "taawun.core.rendering.FormRenderer"  # Django's, with selects written in Python

ROOT_URLCONF = "taawun.urls"
WSGI_APPLICATION = "taawun.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at the start of a
# transaction so concurrent writers wait (timeout) instead of failing. A page cache of up to 256 MB
# per connection (filled only as pages are read) and memory-mapped reads of the first 2 GB (SQLite's
# limit) keep large databases (a million engagements, 5.6 GB) off the slow path: with 64 MB and
# 1 GB, a filtered list's first reading of a year took up to 120 ms, then 20 ms.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA cache_size=-262144; PRAGMA mmap_size=2147418112; PRAGMA temp_store=MEMORY;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _databases() -> dict:
    url = env("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "taawun.sqlite3"}
    if database["ENGINE"] == "django.db.backends.sqlite3":  # also for sqlite:///path in DATABASE_URL
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: on large tables the planner's cost estimates pass its threshold and
        # a page's query spends hundreds of milliseconds compiling before it reads a row.
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return {"default": database}


DATABASES = _databases()


def _caches() -> dict:
    """One cache shared by every app process (the dashboard's figures, taawun.reports.figures):
    Redis when TAAWUN_CACHE_URL names one, else a table of the PostgreSQL database (shared by
    several machines), else files beside the SQLite database (shared by the processes of one)."""
    url = env("TAAWUN_CACHE_URL")
    if url:
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return {
            "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "taawun_cache"}
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }


CACHES = _caches()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Authentication: Argon2 hashes, lock-out after repeated failures (django-axes), a second factor
# (TOTP, django-otp) for officers and administrators.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    # Django's list of 20,000 passwords seen in breaches: the offline stand-in for a breach service.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "taawun.accounts.passwords.CharacterVarietyValidator"},
]
AXES_FAILURE_LIMIT = int(env("TAAWUN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("TAAWUN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Lock-out counts failures per user name and client address, the client as the audit trail sees it
# (X-Forwarded-For only from TAAWUN_TRUSTED_PROXIES): keyed on the reverse proxy's own address, five
# wrong passwords from anyone would lock the user out for everyone.
AXES_CLIENT_IP_CALLABLE = "taawun.audit.services.client_ip"
OTP_TOTP_ISSUER = env("TAAWUN_OTP_ISSUER", "Taawun")

# Sessions end after TAAWUN_IDLE_MINUTES without a request, and TAAWUN_SESSION_HOURS after login
# whatever the activity; changing roles or clearances asks for the password again if the last
# confirmation is older than TAAWUN_REAUTH_MINUTES.
SESSION_COOKIE_AGE = int(env("TAAWUN_IDLE_MINUTES", "30")) * 60
# The idle limit moves on with a save of the session, made at most once a minute of activity
# (taawun.accounts.sessions.keep_alive), not on every request: each save is a database write.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
TAAWUN_SESSION_MAX_AGE = int(env("TAAWUN_SESSION_HOURS", "10")) * 3600
TAAWUN_REAUTH_MAX_AGE = int(env("TAAWUN_REAUTH_MINUTES", "5")) * 60

# Arabic first; English is the second language of the interface.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("TAAWUN_TIME_ZONE", "Asia/Riyadh")
# Dates with the month named, times on the 24-hour clock (taawun/web/formats): never "12/02/2026".
FORMAT_MODULE_PATH = ["taawun.web.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start without it
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed copies, no manifest: works before and after collectstatic alike.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files straight from the apps when they have not been collected (tests, make run).
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Behind the ministry's TLS reverse proxy (TAAWUN_HTTPS=1) every cookie is secure, plain HTTP is
# redirected and browsers are told to use HTTPS only. The embedded `make run` serves plain HTTP on
# the loopback address, where none of this can apply.
HTTPS = env_bool("TAAWUN_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and not env_bool("TAAWUN_PROXY_REDIRECTS_HTTP", False)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("TAAWUN_CSRF_TRUSTED_ORIGINS", "")
# A refused form (often one left open past the session) answers in the site's frame and language.
CSRF_FAILURE_VIEW = "taawun.web.errors.csrf_failure"
# Reverse proxies whose X-Forwarded-For the audit trail believes (addresses or networks).
TAAWUN_TRUSTED_PROXIES = env_list("TAAWUN_TRUSTED_PROXIES", "")
# The key of the audit trail's MACs and checkpoints (taawun.audit.keys), kept outside the database.
# Unset, it is derived from SECRET_KEY (development); production sets its own and keeps it.
TAAWUN_AUDIT_KEY = env("TAAWUN_AUDIT_KEY")

# Content-Security-Policy: nothing but this server's own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

PAGE_SIZE = int(env("TAAWUN_PAGE_SIZE", "25"))

# Background work (batch imports, feed polling, reminders) runs in the database-backed task queue;
# `taawun worker` processes it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running task's lease (seconds): its worker renews it every quarter of this; a task whose lease
# expired (its worker was killed) goes back in the queue, at most TAAWUN_TASK_MAX_ATTEMPTS times
# in all (taawun.core.leases).
TAAWUN_TASK_LEASE_SECONDS = float(env("TAAWUN_TASK_LEASE_SECONDS", "120"))
TAAWUN_TASK_MAX_ATTEMPTS = int(env("TAAWUN_TASK_MAX_ATTEMPTS", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("TAAWUN_LOG_LEVEL", "WARNING")},
}

# --- ingest: settings of the ingestion pipeline (kept together) ---
# Largest document (upload, feed) read, in bytes; the party an unqualified "وزارة الداخلية" means
# in ingested texts (`taawun ingest --home` and the upload form override it); feed fetch timeout.
TAAWUN_UPLOAD_MAX_BYTES = int(env("TAAWUN_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# A pasted text up to the upload limit fits in a request even percent-encoded (three bytes for one);
# the upload form refuses (and keeps) a longer paste, and a far larger body is refused with a page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * TAAWUN_UPLOAD_MAX_BYTES + 1024 * 1024
# What a compressed document (.docx, a PDF's streams) may unpack to in all, in bytes; more is refused.
TAAWUN_UNPACKED_MAX_BYTES = int(env("TAAWUN_UNPACKED_MAX_BYTES", str(50 * 1024 * 1024)))
# Seconds one database statement of a web request may run before PostgreSQL stops it (0: no limit);
# see taawun.core.time_limits. Task workers and commands are not limited.
TAAWUN_STATEMENT_TIMEOUT = float(env("TAAWUN_STATEMENT_TIMEOUT", "30"))
TAAWUN_HOME_PARTY = env("TAAWUN_HOME_PARTY", "SA").strip().upper()
TAAWUN_FEED_TIMEOUT = float(env("TAAWUN_FEED_TIMEOUT", "20"))
# Feeds never reach loopback, link-local, private or other non-public addresses (checked on the
# addresses a host resolves to, at every connection and redirect) except those listed here: host
# names, addresses or networks, comma-separated (e.g. "feeds.moi.gov.example,10.20.0.0/16").
TAAWUN_FEED_ALLOWED_HOSTS = env_list("TAAWUN_FEED_ALLOWED_HOSTS", "")

# --- schedule: settings of the calendar and feeds (kept together) ---

# First day of the week in the month view (0 = Monday ... 6 = Sunday): Gulf offices start on Sunday.
SCHEDULE_FIRST_WEEKDAY = int(env("TAAWUN_FIRST_WEEKDAY", "6"))
# How many days ahead the agenda lists.
SCHEDULE_AGENDA_DAYS = int(env("TAAWUN_AGENDA_DAYS", "90"))
# How far back a calendar feed goes, in days (calendar apps keep what they fetched before).
SCHEDULE_FEED_PAST_DAYS = int(env("TAAWUN_FEED_PAST_DAYS", "365"))
# The highest classification a feed ever carries, whatever its owner's clearance: feeds leave the
# system for calendar apps, so an office may want them lower than what its officers see on screen.
SCHEDULE_FEED_CEILING = env("TAAWUN_FEED_CEILING", "secret")
# A feed fetch is written to the audit trail (as an export) at most once per feed in this many minutes:
# calendar apps poll every few minutes and would otherwise flood the trail.
SCHEDULE_FEED_AUDIT_MINUTES = int(env("TAAWUN_FEED_AUDIT_MINUTES", "60"))
# The domain part of the events' UIDs, so calendar apps can tell this system's events apart.
SCHEDULE_UID_DOMAIN = env("TAAWUN_CALENDAR_UID_DOMAIN", "taawun.invalid")

# --- notifications: settings of reminders and notifications (kept together) ---

# Reminders go by e-mail through Django's mail backends: the console backend (mail printed to the
# worker's output) until TAAWUN_EMAIL_BACKEND names the SMTP one, e.g.
# django.core.mail.backends.smtp.EmailBackend with TAAWUN_EMAIL_HOST on the ministry's network.
EMAIL_BACKEND = env("TAAWUN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("TAAWUN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("TAAWUN_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("TAAWUN_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("TAAWUN_EMAIL_PASSWORD")  # or TAAWUN_EMAIL_PASSWORD_FILE
EMAIL_USE_TLS = env_bool("TAAWUN_EMAIL_TLS", False)
EMAIL_TIMEOUT = int(env("TAAWUN_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = env("TAAWUN_FROM_EMAIL", "taawun@localhost")
# Links in e-mails start with this address; reminders are written in this language.
TAAWUN_BASE_URL = env("TAAWUN_BASE_URL", "http://127.0.0.1:8000")
TAAWUN_REMINDER_LANGUAGE = env("TAAWUN_REMINDER_LANGUAGE", LANGUAGE_CODE)
# Who is warned of understandings expiring within 90, 60, 30 and 7 days.
TAAWUN_EXPIRY_WARNING_ROLES = env_list("TAAWUN_EXPIRY_WARNING_ROLES", "administrator,officer")

# --- search: settings of the search engine (kept together) ---

# Results per page on the search page.
SEARCH_PAGE_SIZE = int(env("TAAWUN_SEARCH_PAGE_SIZE", "20"))
# How much more a word in a record's title counts than a word in its text, in the ranking.
SEARCH_TITLE_WEIGHT = float(env("TAAWUN_SEARCH_TITLE_WEIGHT", "3"))
SEARCH_RANK_WINDOW = int(env("TAAWUN_SEARCH_RANK_WINDOW", "1000"))  # newest matches ranked at most

# --- api: settings of the REST API (kept together) ---
# Records per page of an API list when the request gives no `limit`, and the most it may ask for.
TAAWUN_API_PAGE_SIZE = int(env("TAAWUN_API_PAGE_SIZE", "50"))
TAAWUN_API_MAX_PAGE_SIZE = int(env("TAAWUN_API_MAX_PAGE_SIZE", "200"))
# An API token lives this many days at the most (its owner may choose fewer when creating it).
TAAWUN_API_TOKEN_DAYS = int(env("TAAWUN_API_TOKEN_DAYS", "90"))
