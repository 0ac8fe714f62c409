from django.urls import path

from taawun.schedule import views

app_name = "schedule"
urlpatterns = [
    path("", views.month, name="month"),
    path("agenda/", views.agenda, name="agenda"),
    path("feeds/", views.tokens, name="tokens"),
    path("feeds/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("committee/<int:pk>/timeline/", views.committee_timeline, name="committee_timeline"),
    path("understanding/<int:pk>/timeline/", views.understanding_timeline, name="understanding_timeline"),
]
