"""Every setting Lantern has, secure by default.

Environments (``demo``, ``test``, ``production``) only override. Values from
outside come from :mod:`lantern.config.settings.environment`.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from lantern.config.settings.environment import ENV, SECURE_TRANSPORT

PACKAGE_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = PACKAGE_DIR.parents[1]
DATA_DIR = (PROJECT_DIR / ENV.data_dir).resolve()

SECRET_KEY = ENV.secret_key or ""
DEBUG = False
ALLOWED_HOSTS = list(ENV.allowed_hosts)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "lantern.audit",
    "lantern.accounts",
    "lantern.web",
    "lantern.force",
    "lantern.alerts",
    "lantern.intelligence",
    "lantern.cases",
    "lantern.safeguarding",
    "lantern.partners",
    "lantern.reporting",
    "lantern.devices",
    "lantern.governance",
    "lantern.vetting",
    "lantern.strategy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantern.accounts.middleware.IdleSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lantern.web.access.AccessPolicyMiddleware",
]

ROOT_URLCONF = "lantern.config.urls"
WSGI_APPLICATION = "lantern.config.wsgi.application"

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
                "lantern.web.context.navigation",
            ],
        },
    }
]


def _database(url: str | None) -> dict[str, object]:
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
        config["ATOMIC_REQUESTS"] = False
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "lantern.sqlite3",
        # WAL lets readers work while the audit chain is appended; IMMEDIATE takes
        # the write lock at BEGIN so two writers never fork the chain.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database(ENV.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "web:home"

# Sign-in policy (Lantern's own settings).
LANTERN_SIGN_IN_MAX_FAILURES = 5
LANTERN_SIGN_IN_LOCKOUT_MINUTES = 30
LANTERN_SESSION_IDLE_MINUTES = ENV.session_idle_minutes
LANTERN_RECOVERY_CODE_COUNT = 10
OTP_TOTP_ISSUER = "Lantern"
# Brute force is stopped by Lantern's lock-out (shared by both sign-in steps);
# django-otp's own throttle would also refuse a right code typed a second after
# a wrong one, which only confuses people.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Triage: staff at or above this rank are revealed only with the approval of
# the head of professional standards.
LANTERN_REVEAL_APPROVAL_FROM_RANK = "chief_inspector"
# Recorded explanations (legitimate dismissals) lapse after this many days unless renewed.
LANTERN_EXPLANATION_DEFAULT_DAYS = 180
# Intelligence review periods in months (MoPI review; the exact periods per
# group are not confirmed nationally, so they are configuration).
LANTERN_INTELLIGENCE_REVIEW_MONTHS = {
    "default": 12,
    "sexual_misconduct": 6,
    "vulnerability": 6,
}
# Evidence files attached to investigations.
LANTERN_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024

# Sessions and cookies.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 60 * 60  # absolute limit: one shift
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_FAILURE_VIEW = "lantern.web.views.csrf_failure"

# Transport and browser hardening.
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_TRANSPORT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

# Bad input: oversized bodies are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "assets" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # The request logger would write client details; Lantern logs no addresses.
    "loggers": {"django.server": {"handlers": [], "propagate": False}},
}

# --- Reporting line ---
# The confidential reporting line (lantern.reporting) and the partner-agency
# register (lantern.partners). See docs/reporting-line-security.md.
from lantern.config.settings.environment import REPORTING_ENV  # noqa: E402

# The key that wraps each report's own data key (AES-256-GCM). The line is off
# (its pages say so) until this is set; only the demo and test settings fall back
# to a fixed demo key (see lantern.reporting.crypto).
LANTERN_REPORTING_KEY = REPORTING_ENV.key
LANTERN_REPORTING_OLD_KEYS = REPORTING_ENV.old_keys
# Where the reporter-facing pages live; requests under it keep no address,
# browser details or cookies (lantern.reporting.middleware).
LANTERN_REPORTING_PATH_PREFIX = "/report/"
LANTERN_REPORTING_TEXT_MAX_CHARS = 20_000
LANTERN_REPORTING_ATTACHMENTS_MAX = 3
LANTERN_REPORTING_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
LANTERN_REPORTING_IMAGE_MAX_PIXELS = 40_000_000
LANTERN_REPORTING_PDF_MAX_PAGES = 50
# A request bigger than this is refused before it is read.
LANTERN_REPORTING_REQUEST_MAX_BYTES = 3 * 5 * 1024 * 1024 + 1_048_576
# Receipts: Argon2id parameters (OWASP's minimum for Argon2id; receipts carry
# 80 random bits, so the hash is defence in depth) and the least time a receipt
# check takes, right or wrong, so timing tells nothing.
LANTERN_REPORTING_RECEIPT_ARGON2 = {"time_cost": 2, "memory_cost": 19_456, "parallelism": 1}
LANTERN_REPORTING_RECEIPT_MIN_SECONDS = 0.35
# Forms and conversations carry signed, time-limited tokens instead of cookies.
LANTERN_REPORTING_FORM_MAX_AGE_SECONDS = 4 * 60 * 60
LANTERN_REPORTING_CONVERSATION_MAX_AGE_SECONDS = 30 * 60
# Rate limits per window, counted in memory under a keyed hash of the client
# address whose key changes every window (nothing is written anywhere).
LANTERN_REPORTING_RATE_WINDOW_SECONDS = 10 * 60
LANTERN_REPORTING_RATE_LIMITS = {
    "receipt_client": 10,
    "receipt_all": 300,
    "submit_client": 5,
    "submit_all": 120,
}
# First, so that no later middleware, view or log sees a reporter's address.
MIDDLEWARE = ["lantern.reporting.middleware.ReporterTracesMiddleware", *MIDDLEWARE]

# --- Vetting and transfers (lantern.vetting; see docs/vetting.md) ---
# Years before a clearance falls due for renewal. Only RV's 10 years is confirmed
# (official FOI answers); the others are the commonly cited periods, not confirmed:
# configuration, to be set from the force's vetting policy.
LANTERN_VETTING_RENEWAL_YEARS = {
    "RV": 10,  # confirmed
    "MV": 7,
    "NPPV1": 3,
    "NPPV2A": 3,
    "NPPV2F": 3,
    "NPPV3": 5,
    "CTC": 10,
    "SC": 10,
    "DV": 7,
}
# Windows (days) for "expires soon" on the vetting dashboard.
LANTERN_VETTING_EXPIRY_WINDOWS = (30, 90, 180)
# This force, as named in the transfer packets it signs, and the keys: from the
# environment (LANTERN_FORCE_CODE, LANTERN_FORCE_NAME, LANTERN_TRANSFER_SIGNING_KEY,
# LANTERN_TRANSFER_TRUSTED_KEYS="CODE=key,..."). The Ed25519 private key (32 raw bytes,
# base64) signs outgoing packets; export is off until it is set; only the demo and test
# settings fall back to the fixed demo keys (lantern.vetting.signing).
from lantern.config.settings.environment import read_transfer_environment  # noqa: E402

_TRANSFER_ENV = read_transfer_environment()
LANTERN_FORCE_CODE = _TRANSFER_ENV.force_code
LANTERN_FORCE_NAME = _TRANSFER_ENV.force_name
LANTERN_TRANSFER_SIGNING_KEY: str | None = _TRANSFER_ENV.signing_key
# Forces whose packets are accepted: force code -> Ed25519 public key (32 raw bytes, base64).
LANTERN_TRANSFER_TRUSTED_KEYS: dict[str, str] = _TRANSFER_ENV.trusted_keys

# --- Figures shared outside the unit (governance pack, threat assessment) ---
# Counts from 1 to this minus one are shown as "fewer than N" (lantern.governance.suppression).
LANTERN_SMALL_NUMBER_THRESHOLD = 5

# --- Threat assessment, demand and capacity (lantern.strategy) ---
# The threat assessment suppresses small numbers with LANTERN_SMALL_NUMBER_THRESHOLD
# (above) in whatever leaves the unit: the PDF, the CLI's files, the governance viewer.
# Demand and capacity: weeks shown, complete weeks averaged for the history forecast.
LANTERN_STRATEGY_DEMAND_WEEKS = 12
LANTERN_STRATEGY_FORECAST_WEEKS = 8
# Hours an analyst has for alert work in a week (after leave, training, other duties).
LANTERN_STRATEGY_ANALYST_HOURS_PER_WEEK = 25.0
# Used (and labelled as an assumption) until analysts have recorded time on decided alerts.
LANTERN_STRATEGY_ASSUMED_HOURS_PER_ALERT = 2.0
# A score band needs this many decided alerts for its own confirmation rate.
LANTERN_STRATEGY_MIN_BAND_DECISIONS = 5
