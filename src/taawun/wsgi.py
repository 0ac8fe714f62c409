import os

from django.core.wsgi import get_wsgi_application

from taawun.core import heap, time_limits

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawun.settings")
application = get_wsgi_application()
time_limits.limit_web_statements()  # before warm-up opens a connection
# Loaded in each worker process: the first request finds everything imported, and the collector
# leaves the loaded application alone (taawun.core.heap).
heap.warm_up()
heap.settle()
