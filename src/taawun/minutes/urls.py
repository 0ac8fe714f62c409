from django.urls import path

from taawun.minutes import views
from taawun.records import catalog

app_name = "minutes"
urlpatterns = catalog.urls("minutes")
urlpatterns += [
    path("minutes/<int:pk>/approve/", views.minutes_approve, name="minutes_approve"),
    path("minutes/<int:pk>/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path("minutes/<int:pk>/send/", views.minutes_send, name="minutes_send"),
]
