from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("taawun.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("taawun.web.urls")),
    path("accounts/", include("taawun.accounts.urls")),
    path("registry/", include("taawun.registry.urls")),
    path("agreements/", include("taawun.agreements.urls")),
    path("training/", include("taawun.training.urls")),
    path("knowledge/", include("taawun.knowledge.urls")),
    path("audit/", include("taawun.audit.urls")),
    path("ingest/", include("taawun.ingest.urls")),
    path("schedule/", include("taawun.schedule.urls")),
    path("notifications/", include("taawun.notifications.urls")),
    path("search/", include("taawun.search.urls")),
    path("reports/", include("taawun.reports.urls")),
    path("attachments/", include("taawun.attachments.urls")),
    path("minutes/", include("taawun.minutes.urls")),
    path("programmes/", include("taawun.programmes.urls")),
    prefix_default_language=False,
)

# The error pages in the reader's language inside the site's frame (JSON under /api/).
handler400 = "taawun.web.errors.bad_request"
handler403 = "taawun.web.errors.permission_denied"
handler404 = "taawun.web.errors.page_not_found"
handler500 = "taawun.web.errors.server_error"
