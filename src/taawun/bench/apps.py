from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark tooling (`taawun bench ...`): no models, no pages, only a management command."""

    name = "taawun.bench"
    label = "bench"
