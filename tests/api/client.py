"""An API client for tests: a Django test client that sends a persona's API token with every request."""

from __future__ import annotations

import json

from django.test import Client

from taawun.api.services import api_token_create


class ApiClient:
    """JSON requests with `Authorization: Bearer <token>` (and a language, if given)."""

    def __init__(self, token: str | None = None, language: str | None = None):
        self.client = Client()
        self.headers = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if language:
            self.headers["Accept-Language"] = language

    def _send(self, method: str, path: str, data=None, **params):
        call = getattr(self.client, method)
        if method in {"post", "put", "patch"}:
            return call(
                path, data=json.dumps(data or {}), content_type="application/json", headers=self.headers
            )
        return call(path, data=params or None, headers=self.headers)

    def get(self, path, **params):
        return self._send("get", path, **params)

    def post(self, path, data=None):
        return self._send("post", path, data)

    def put(self, path, data=None):
        return self._send("put", path, data)

    def patch(self, path, data=None):
        return self._send("patch", path, data)

    def delete(self, path):
        return self._send("delete", path)


def token_for(user, name: str = "test") -> str:
    _token, raw = api_token_create(user=user, name=name)
    return raw
