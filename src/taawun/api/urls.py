"""/api/: the REST API (django-ninja), its schema and documentation, and the API tokens page.

Outside the language prefixes: the language of messages follows Accept-Language (or the language
cookie), Arabic by default.
"""

from django.urls import URLPattern, path, re_path

from taawun.api import views
from taawun.api.endpoints import api
from taawun.api.language import in_request_language

app_name = "api"

# ninja's own root view answers a bare 404; ours leads to the documentation.
_operations = [pattern for pattern in api.urls[0] if pattern.name != "api-root"]

_patterns = [
    path("", views.root, name="api-root"),
    path("docs", views.documentation, name="docs"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    *_operations,
    # Last: any other address under /api/ is a JSON 404, never an HTML page.
    re_path(r"^[\s\S]*$", views.not_found, name="not_found"),
]

# The language prefix patterns would give every address here the default language; these pages and
# answers follow the language cookie or Accept-Language instead (Arabic when neither is set).
urlpatterns = [
    URLPattern(pattern.pattern, in_request_language(pattern.callback), pattern.default_args, pattern.name)
    for pattern in _patterns
]
