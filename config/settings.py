"""Settings for the Techniekpact website.

Everything that differs between a laptop and production comes from the environment (see
`.env.example`). The defaults are the safe ones: debug is off, and without debug there is no
default secret key.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment (see .env.example), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch the right forms.
    "modeltranslation",
    # The admin with the site's own AdminSite: only staff who passed the second factor.
    "accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise's runserver integration: the development server serves static files the same
    # way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The core every app stands on (publishing, page cache, base admin); it imports no app.
    "techniekpact",
    # The content apps; each declares its content in its AppConfig (techniekpact.content).
    "pages",
    "faq",
    "regions",
    "news",
    "search",
    # Editors' admin: revision history with a readable comparison, and login lockout.
    "reversion",
    "reversion_compare",
    "axes",
    # Staff accounts: second factor (django-otp's authenticator apps, django-otp-webauthn's
    # passkeys, the site's hashed backup codes), lockout rules, password reset.
    "django_otp",
    "django_otp.plugins.otp_totp",
    # accounts between them: after otp_totp, whose device admin it removes, and before
    # django_otp_webauthn, whose Dutch texts it replaces with the site's wording.
    "accounts",
    "django_otp_webauthn",
]

MIDDLEWARE = [
    # First: serves anonymous visitors' public pages from the cache before anything else runs,
    # with the headers every middleware below set when the page was stored (so a hit carries
    # the security headers too, and costs less than a static file). Before sessions and the
    # database, so a cached page survives a database outage.
    "techniekpact.page_cache.PublicPageCacheMiddleware",
    # Then the security headers, so that every other response carries them: health checks, error
    # pages, static files and cached pages too. (The HTTPS redirect exempts the health checks:
    # SECURE_REDIRECT_EXEMPT.)
    "django.middleware.security.SecurityMiddleware",
    # Django's built-in Content-Security-Policy (SECURE_CSP below), and the headers Django has
    # no setting for (Permissions-Policy, Cross-Origin-Resource-Policy).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Then the load balancer's /healthz and /readyz, whatever host or scheme it probes with:
    # none of the middleware above checks the host.
    "config.middleware.HealthCheckMiddleware",
    # Directly after SecurityMiddleware, as whitenoise documents: static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and If-None-Match / If-Modified-Since: unchanged pages answer 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the session's language) and before common (which needs the
    # language to resolve URLs for APPEND_SLASH).
    "django.middleware.locale.LocaleMiddleware",
    # The admin lives outside i18n_patterns: speak Dutch there, whatever the browser asks.
    "config.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: marks whether the session passed the second factor ...
    "django_otp.middleware.OTPMiddleware",
    # ... and until it has, the admin only offers the second-factor step and the rest of the
    # site treats the session as anonymous (no draft previews on a password alone).
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Only acts on a 404: an address whose slug was changed answers 301 to the current one.
    "techniekpact.middleware.SlugRedirectMiddleware",
    # Last, as django-axes documents: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks every login first (it needs the request) and then hands over to the
# ordinary model backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The lockout (README "Beheer / Editors"), counted by accounts.lockout.StaffLoginHandler:
# five failures for one username from one address lock that pair out for an hour, and ten
# failures from one address, whatever the usernames, lock the address. Wrong passwords,
# wrong second-factor codes and password-reset requests all count. Only a complete login
# (password and second factor) clears that username's failures from that address.
# Unlock early: `manage.py axes_reset_username USERNAME`, `manage.py axes_reset_ip ADDRESS`.
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_HANDLER = "accounts.lockout.StaffLoginHandler"
AXES_FAILURE_LIMIT = 5
ACCOUNTS_ADDRESS_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = False  # the password step alone is not a success
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Lock out by the visitor's address, never one the visitor made up: X-Forwarded-For is only
# believed from our own proxies (addresses or networks, comma-separated). Empty: gunicorn
# faces the clients and only the socket's address counts. See accounts/client_address.py.
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

# The admin's login is the site's only login; an unsafe or missing `next` goes to the admin's
# home page, not to Django's default /accounts/profile/ (which does not exist here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Second factor. Authenticator apps show this name beside the code.
OTP_TOTP_ISSUER = "Techniekpact"
# Passkeys belong to one domain (the relying party) and are only accepted from the admin's
# own origins: DJANGO_WEBAUTHN_ORIGINS, else the CSRF trusted origins, else https:// on each
# allowed host (http://localhost:PORT with debug on: browsers allow passkeys there).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("DJANGO_WEBAUTHN_ORIGINS") or CSRF_TRUSTED_ORIGINS
if not OTP_WEBAUTHN_ALLOWED_ORIGINS:
    OTP_WEBAUTHN_ALLOWED_ORIGINS = (
        [f"http://localhost:{os.environ.get('PORT', '8000')}"]
        if DEBUG
        else [f"https://{host}" for host in ALLOWED_HOSTS if host[:1].isalnum()]
    )
OTP_WEBAUTHN_RP_ID = os.environ.get("DJANGO_WEBAUTHN_RP_ID") or (
    urlsplit(OTP_WEBAUTHN_ALLOWED_ORIGINS[0]).hostname if OTP_WEBAUTHN_ALLOWED_ORIGINS else ""
)
OTP_WEBAUTHN_RP_NAME = "Techniekpact"
# A passkey is the second factor after the password, not a way around it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Email (password reset), through Django's mailers: SMTP from the environment. With debug on
# and no DJANGO_EMAIL_HOST, mails are printed on the console instead.
# (Lower case: MAILERS replaces the EMAIL_* settings, which Django 6.1 deprecates.)
email_host = os.environ.get("DJANGO_EMAIL_HOST", "")
if DEBUG and not email_host:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host or "localhost",
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "587")),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=True),
                # A mail server that hangs must not hold the editor's request for long.
                "timeout": 10,
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Techniekpact <noreply@techniekpact.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A reset link works for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Staff sessions (the only sessions the site has) end after a working day or when the browser
# closes, whichever comes first.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Internationalisation: Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# django-modeltranslation: Dutch is the source language of all content. An English field left
# empty falls back to Dutch, marked `lang="nl"` and announced by a notice on the page (see
# `untranslated`). A Dutch field never falls back to English: the Dutch site would show English
# text unmarked; an empty Dutch field stays empty, and the admin lists it as "Dutch missing".
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("nl",), "nl": ()}

STATIC_URL = "/static/"
# Where collectstatic puts the files (the image: staticfiles/; a test: its own folder).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (news images) go through the default storage: a folder on this host by default
# (DJANGO_MEDIA_ROOT; one host, or a volume all containers share). Several containers without a
# shared volume use an object store instead: django-storages' S3 backend,
# {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {...}} (see README "Images").
# Only resized renditions are ever served (news.views.rendition), never the uploads themselves.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names (cache-busting) and pre-compressed gzip/brotli copies.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# RFC 9116 security.txt: where to report a vulnerability (comma-separated mailto: or https:
# URIs). Production should set a monitored address; without one the file points at the page
# that says how the pact is organised.
SECURITY_TXT_CONTACTS = env_list("DJANGO_SECURITY_CONTACT")

# Caching: a shared Redis in production (REDIS_URL), files on local disk otherwise. The Redis
# backend is wrapped so that Redis being down costs speed, never a page (errors are logged).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "techniekpact",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                # After one failure a worker leaves Redis alone this long (serving uncached),
                # then tries again by itself: a hanging Redis costs one timeout, not one per
                # cache call (techniekpact.cache_backends.CircuitBreaker).
                "CIRCUIT_BREAKER_SECONDS": float(
                    os.environ.get("DJANGO_REDIS_BREAKER_SECONDS", "5")
                ),
            },
        }
    }
else:
    # Without Redis: files on local disk, shared by the gunicorn workers of one host (process
    # memory would leave the other workers showing an edit late). Several hosts need Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Public pages: how long the page cache and a CDN may keep them. Edits invalidate the page
# cache at once (content version); a CDN may lag by PUBLIC_CACHE_CDN_SECONDS at most.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "3600"))
PUBLIC_CACHE_CDN_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_CDN_SECONDS", "60"))
PUBLIC_CACHE_SEARCH_SECONDS = 300
# How often a worker asks the shared cache for the content version (techniekpact.content_version):
# the longest an edit takes to show in the other workers. 0 asks at every request.
CONTENT_VERSION_CHECK_SECONDS = float(
    os.environ.get("DJANGO_CONTENT_VERSION_CHECK_SECONDS", "0.25")
)

# Security headers and cookies (see README "Security").
# Behind the TLS proxy: trust its X-Forwarded-Proto, and send plain HTTP to HTTPS (the load
# balancer's health checks are answered before this, see HealthCheckMiddleware).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Probes use the container's own address over plain HTTP: never redirect them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No other site may load our pages, images or files into theirs (config.middleware).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Secure cookies outside local development; the CSRF cookie is only ever read by Django.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy: nothing inline, nothing from other hosts. Public pages need no
# nonce (so cached pages stay valid); the admin works without inline code too.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Where links in mails point (the admin of this site), e.g. https://www.techniekpact.example.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/") or (
    "http://127.0.0.1:8000"
    if DEBUG or not ALLOWED_HOSTS
    else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)

# Page-like content is due for a check by its owner this many months after the last check or
# published change (`manage.py send_review_reminders`).
CONTENT_REVIEW_INTERVAL_MONTHS = int(os.environ.get("DJANGO_CONTENT_REVIEW_INTERVAL_MONTHS", "12"))
