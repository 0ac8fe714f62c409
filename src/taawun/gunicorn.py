"""gunicorn's settings for Taawun: `gunicorn --config python:taawun.gunicorn taawun.wsgi:application`
(what `taawun serve` runs). Command-line options given after it override these."""

from taawun.core import heap


def post_request(worker, req, environ, resp):
    # After the response has been written, before the next request: the garbage collection the
    # request caused is not paid by whichever request comes later (taawun.core.heap).
    heap.collect_after_response()
