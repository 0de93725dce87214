"""Settings shared by every environment, with safe production defaults.

Environment modules (``dev``, ``test``, ``production``) only change defaults before importing
this module, so what runs in production is what is tested.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import config

SRC_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = SRC_DIR.parent
WMOREGIE_DIR = SRC_DIR / "wmoregie"

SECRET_KEY = config(
    "SECRET_KEY", documentation="Geheime sleutel voor sessies en tokens. Verplicht in productie."
)
DEBUG = config("DEBUG", False, documentation="Alleen voor ontwikkeling: toont foutdetails.")
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    [],
    split=True,
    documentation="Hostnamen waarop de app antwoordt, komma-gescheiden.",
)
CSRF_FAILURE_VIEW = "wmoregie.views.csrf_mislukt"  # Dutch, in the layout
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS",
    [],
    split=True,
    documentation="Vertrouwde origins (https://...), komma-gescheiden.",
)

# An empty DATABASE_URL (e.g. `DATABASE_URL= make run`) means "not set": the embedded SQLite.
EMBEDDED_DATABASE_URL = f"sqlite:///{PROJECT_DIR / 'wmoregie.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            EMBEDDED_DATABASE_URL,
            documentation="Database-URL, bv. postgres://gebruiker:wachtwoord@host:5432/wmoregie.",
        )
        or EMBEDDED_DATABASE_URL,
        conn_max_age=config(
            "DB_CONN_MAX_AGE", 60, documentation="Seconden dat een databaseverbinding open blijft."
        ),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wmoregie.accounts",
    "wmoregie.audit",
    "wmoregie.catalogi",
    "wmoregie.kluis",
    "wmoregie.aanbestedingen",
    "wmoregie.contracten",
    "wmoregie.clienten",
    "wmoregie.iwmo",
    "wmoregie.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wmoregie.middleware.BeveiligingsheadersMiddleware",
    # Inside the headers above, so that its page gets them too.
    "wmoregie.middleware.MethodeNietToegestaanMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page or answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wmoregie.urls"
WSGI_APPLICATION = "wmoregie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WMOREGIE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wmoregie.accounts.context_processors.navigation",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked account before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [WMOREGIE_DIR / "conf" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = config(
    "STATIC_ROOT", str(PROJECT_DIR / "staticfiles"), documentation="Map voor collectstatic."
)
STATICFILES_DIRS = [WMOREGIE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = config(
    "MEDIA_ROOT", str(PROJECT_DIR / "media"), documentation="Map voor geüploade bestanden."
)

# Security: strict unless an environment module relaxes it for local use.
SECURE_SSL_REDIRECT = config(
    "SECURE_SSL_REDIRECT", True, documentation="Stuur http door naar https."
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = config(
    "SESSION_COOKIE_SECURE", True, documentation="Sessiecookie alleen via https."
)
CSRF_COOKIE_SECURE = config(
    "CSRF_COOKIE_SECURE", True, documentation="CSRF-cookie alleen via https."
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = config(
    "SESSION_COOKIE_AGE", 8 * 60 * 60, documentation="Geldigheid van een sessie in seconden."
)
SECURE_HSTS_SECONDS = config(
    "SECURE_HSTS_SECONDS", 31_536_000, documentation="HSTS-duur in seconden."
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Brute-force protection (django-axes, docs/security.md): after this many failed logins for one
# username (the login form, the admin and the API's token endpoint alike) the account is locked
# for the cool-off time, also for the right password.
AXES_FAILURE_LIMIT = config(
    "WMOREGIE_INLOG_MAX_POGINGEN",
    5,
    documentation="Aantal mislukte inlogpogingen per gebruikersnaam waarna het account tijdelijk "
    "geblokkeerd is (standaard 5).",
)
AXES_COOLOFF_TIME = timedelta(
    minutes=config(
        "WMOREGIE_INLOG_BLOKKADE_MINUTEN",
        15,
        documentation="Minuten dat een account na te veel mislukte pogingen geblokkeerd blijft "
        "(standaard 15).",
    )
)
# Per username, whatever the address: rotating addresses, agents or cookies does not help a guesser,
# and behind a reverse proxy one address would otherwise lock out every colleague at once.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # "no ip_address": deliberate, see the line above
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log already
AXES_LOCKOUT_CALLABLE = "wmoregie.accounts.blokkade.blokkade_antwoord"
AXES_VERBOSE = False

# Two-factor authentication (TOTP, django-otp; accounts/tweestaps.py): for every role and the
# beheerders. Always on in production (conf/production.py); off in `make run` and the tests unless
# this is set, so the demo logins of the README work with a password alone.
WMOREGIE_2FA = config(
    "WMOREGIE_2FA",
    False,
    documentation="Tweestapsverificatie (TOTP) verplicht voor elke rol en de beheerders. "
    "In productie altijd aan; elders aan met 1.",
)
OTP_TOTP_ISSUER = config(
    "WMOREGIE_2FA_UITGEVER",
    "wmoregie",
    documentation="Naam waaronder wmoregie in de authenticator-app staat (standaard wmoregie).",
)

# Optional login through an OpenID Connect provider (accounts/oidc.py): on when the client id and
# the provider's endpoints are set. The provider says who someone is; wmoregie decides the roles.
OIDC_RP_CLIENT_ID = config(
    "WMOREGIE_OIDC_CLIENT_ID",
    "",
    documentation="OpenID Connect: client-id van wmoregie bij de provider. Leeg: geen OIDC.",
)
OIDC_RP_CLIENT_SECRET = config(
    "WMOREGIE_OIDC_CLIENT_SECRET", "", documentation="OpenID Connect: client-secret."
)
OIDC_OP_AUTHORIZATION_ENDPOINT = config(
    "WMOREGIE_OIDC_AUTORISATIE_URL", "", documentation="OpenID Connect: authorization endpoint."
)
OIDC_OP_TOKEN_ENDPOINT = config(
    "WMOREGIE_OIDC_TOKEN_URL", "", documentation="OpenID Connect: token endpoint."
)
OIDC_OP_USER_ENDPOINT = config(
    "WMOREGIE_OIDC_GEBRUIKERSINFO_URL", "", documentation="OpenID Connect: userinfo endpoint."
)
OIDC_OP_JWKS_ENDPOINT = (
    config("WMOREGIE_OIDC_JWKS_URL", "", documentation="OpenID Connect: JWKS endpoint (sleutels).")
    or None
)
OIDC_RP_SIGN_ALGO = config(
    "WMOREGIE_OIDC_ALGORITME",
    "RS256",
    documentation="OpenID Connect: ondertekening van het id_token (standaard RS256).",
)
WMOREGIE_OIDC_KOPPELEN_OP = config(
    "WMOREGIE_OIDC_KOPPELEN_OP",
    "email",
    documentation="OpenID Connect: 'email' of 'username': waarop de gebruiker wordt gevonden.",
)
WMOREGIE_OIDC_KNOP = config(
    "WMOREGIE_OIDC_KNOP",
    "Inloggen met uw organisatieaccount",
    documentation="OpenID Connect: tekst van de knop op de inlogpagina.",
)
WMOREGIE_OIDC_AAN = bool(
    OIDC_RP_CLIENT_ID
    and OIDC_OP_AUTHORIZATION_ENDPOINT
    and OIDC_OP_TOKEN_ENDPOINT
    and OIDC_OP_USER_ENDPOINT
)
if WMOREGIE_OIDC_KOPPELEN_OP not in ("email", "username"):
    raise ValueError("WMOREGIE_OIDC_KOPPELEN_OP: 'email' of 'username'")
if WMOREGIE_OIDC_AAN:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "wmoregie.accounts.oidc.OidcBackend"]
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-terug"
OIDC_TIMEOUT = 10

WMOREGIE_API_TOKEN_DAGEN = config(
    "WMOREGIE_API_TOKEN_DAGEN",
    90,
    documentation="Dagen dat een API-token geldig is na het aanmaken (standaard 90).",
)

WMOREGIE_KWARTAALRAPPORT_TIMEOUT_MINUTEN = config(
    "WMOREGIE_KWARTAALRAPPORT_TIMEOUT_MINUTEN",
    30,
    documentation="Minuten na de aanvraag waarna een kwartaalrapport dat nog wacht of wordt gemaakt "
    "als mislukt geldt (standaard 30).",
)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Systems: a token from POST /api/v1/accounts/token/ (never a password on every call).
        # First, because DRF takes the WWW-Authenticate header from the first class: a request
        # without credentials gets 401 with `WWW-Authenticate: Bearer`, a signed-in user who
        # may not see the endpoint gets 403 (issue #14).
        "wmoregie.accounts.tokens.TokenAuthentication",
        # People: the session of the browsable API, the Swagger UI and htmx pages.
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Every API view declares its access; one that forgets is closed, not open.
    "DEFAULT_PERMISSION_CLASSES": ["wmoregie.accounts.access.DeclaredAccessPermission"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "EXCEPTION_HANDLER": "wmoregie.api.fouten",
    "DEFAULT_PARSER_CLASSES": [
        "wmoregie.parsers.JsonParser",  # Dutch for a body that is no JSON
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wmoregie API",
    "DESCRIPTION": "API van wmoregie: catalogus, inkoop, contracten, cliëntadministratie en iWmo.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums shared by several components, or whose models share a field name (`status`): each
    # keeps one stable name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "DocumentSoortEnum": "wmoregie.aanbestedingen.constants.Documentsoort",
        "StatusEnum": "wmoregie.aanbestedingen.constants.Status",
        "KwartaalrapportStatusEnum": "wmoregie.monitoring.models.rapport.Rapportstatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wmoregie.api.drop_database_integer_bounds",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": config("LOG_LEVEL", "INFO", documentation="Logniveau."),
    },
}

# The region this installation serves, shown in the header. The catalogue data decides the rest.
WMOREGIE_REGIO_NAAM = config(
    "WMOREGIE_REGIO_NAAM", "Regio Amersfoort", documentation="Naam van de regio in de kop."
)

# iWmo: an optional folder with the official XSDs; the exchange then asks them too (layer 1 is
# our own and needs no XSD file).
WMOREGIE_IWMO_XSD_MAP = config(
    "WMOREGIE_IWMO_XSD_MAP",
    "",
    documentation=(
        "Map met de officiële iWmo 3.2-XSD's (WMO301.xsd ... en het basisschema). Gevuld: de "
        "uitwisseling controleert elk bericht ook daartegen (regel XSD-OFFICIEEL). Leeg: niet."
    ),
)

# iWmo: the folder set per municipality (<map>/<gemeentecode>/inbox|outbox|archief) through which
# wmoregie exchanges messages with municipalities that use their own system (and the hub).
IWMO_UITWISSELMAP = config(
    "WMOREGIE_IWMO_UITWISSELMAP",
    str(PROJECT_DIR / "var" / "iwmo"),
    documentation=(
        "Basismap van de iWmo-uitwisseling: per gemeente inbox, outbox en archief. Berichten "
        "aan een gemeente met een eigen systeem gaan naar haar outbox; wat zij terugstuurt "
        "wordt uit haar inbox gelezen."
    ),
)

# What other modules do after each iWmo ingest (iwmo/haken.py): the client administration links
# what arrived to its trajectories and claims; the monitoring then recounts the unmatched claim
# messages (after the linking, so a linked message no longer counts).
WMOREGIE_IWMO_NA_INGEST = [
    "wmoregie.clienten.services.berichten.koppel_ontvangen",
    "wmoregie.monitoring.signalen_geld_berichten.na_ingest",
]

# The number of synthetic clients the demo of the client administration makes (make run: 200).
WMOREGIE_DEMO_CLIENTEN = config(
    "WMOREGIE_DEMO_CLIENTEN",
    200,
    documentation="Aantal synthetische cliënten in de demodata van `make run` (standaard 200).",
)

# iWmo: how long the content of stored messages (with BSNs) is kept; the metadata stays.
WMOREGIE_IWMO_BEWAARTERMIJN_JAREN = config(
    "WMOREGIE_IWMO_BEWAARTERMIJN_JAREN",
    7,
    documentation=(
        "Jaren dat de inhoud van iWmo-berichten (met BSN's) bewaard blijft; daarna verwijdert "
        "iwmo_bewaartermijn die en blijven de metagegevens. Standaard 7."
    ),
)

# Client data: retention terms per record type (clienten/bewaren.py, command bewaartermijnen).
WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN = config(
    "WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN",
    15,
    documentation=(
        "Jaren dat een afgesloten cliëntdossier herleidbaar blijft, gerekend vanaf de laatste "
        "einddatum of beslissing; daarna anonimiseert `bewaartermijnen` de persoon en de vrije "
        "teksten en blijven de cijfers. Standaard 15; stem af op de selectielijst van de gemeenten."
    ),
)
WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN = config(
    "WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN",
    2,
    documentation=(
        "Jaren dat de hulpvraag en toelichting van een geweigerde of ingetrokken aanmelding "
        "zonder traject bewaard blijven, gerekend vanaf de beslissing. Standaard 2."
    ),
)

# The vault: submissions are stored encrypted with keys from this key ring (docs/security.md).
WMOREGIE_KLUIS_SLEUTELS = config(
    "WMOREGIE_KLUIS_SLEUTELS",
    "",
    documentation=(
        "Sleutelring van de kluis (versleuteling van inschrijvingen): 'id:base64' met 32 "
        "willekeurige bytes, komma-gescheiden; de eerste versleutelt, de andere ontsleutelen "
        "alleen (rotatie). Verplicht. Zie docs/security.md."
    ),
)

# OCDS: the ocid prefix of the release packages (aanbestedingen/ocds.py checks its form at use).
# The default is a placeholder: publish only with the prefix the Open Contracting Partnership
# registered for the publisher.
WMOREGIE_OCDS_OCID_PREFIX = config(
    "WMOREGIE_OCDS_OCID_PREFIX",
    "ocds-wmoreg",
    documentation=(
        "OCID-prefix van de OCDS-releasepakketten: 'ocds-' en zes kleine letters of cijfers. "
        "De standaardwaarde ocds-wmoreg is een plaatshouder; vervang die vóór publicatie door "
        "de prefix die de Open Contracting Partnership voor de publicerende organisatie "
        "registreerde."
    ),
)

# Background work: Celery (wmoregie/celery.py). With a broker (Redis or RabbitMQ) the tasks go to
# the workers, on one or several machines; without one they run in-process at once, so
# `make run` and the tests need no broker.
_CELERY_BROKER = config(
    "WMOREGIE_CELERY_BROKER_URL",
    "",
    documentation=(
        "Broker van de taakmachine (Celery): redis://host:6379/0 of amqp://gebruiker:wachtwoord@"
        "host:5672//. Leeg: taken draaien meteen in het eigen proces (geen workers nodig)."
    ),
)
CELERY_RESULT_BACKEND = config(
    "WMOREGIE_CELERY_RESULT_BACKEND",
    "",
    documentation=(
        "Waar de uitkomst van taken wordt bewaard. Leeg: bij Redis dezelfde Redis, bij RabbitMQ "
        "rpc://."
    ),
) or ("rpc://" if _CELERY_BROKER.startswith("amqp") else _CELERY_BROKER or None)
CELERY_BROKER_URL = (
    _CELERY_BROKER or "memory://localhost/"
)  # never used without a broker: tasks run eagerly
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "global_keyprefix": config(
        "WMOREGIE_CELERY_PREFIX",
        "",
        documentation=(
            "Voorvoegsel van alle sleutels in een Redis-broker, voor meer installaties op één "
            "Redis (bv. 'acceptatie:'). Leeg: geen."
        ),
    )
}
CELERY_TASK_ALWAYS_EAGER = not _CELERY_BROKER
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ROUTES = {"iwmo.*": {"queue": "iwmo"}}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long tasks: a worker takes one at a time
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
