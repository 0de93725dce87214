"""How the token authentication shows in the OpenAPI schema (loaded by the app config)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticationSchema(OpenApiAuthenticationExtension):
    target_class = "wmoregie.accounts.tokens.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een token van POST /api/v1/accounts/token/: 'Bearer wmr_…'.",
        }
