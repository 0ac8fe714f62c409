"""The language of /api/: from the language cookie or Accept-Language, Arabic when neither is set.

LocaleMiddleware gives every address outside the language prefixes the default language (Arabic),
which would make an API client's `Accept-Language: en` useless and the English pages unreachable.
"""

from __future__ import annotations

from functools import wraps

from django.utils import translation


def in_request_language(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return view(request, *args, **kwargs)

    return wrapped
