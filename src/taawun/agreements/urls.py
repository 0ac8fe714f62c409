from django.urls import path

from taawun.agreements import views
from taawun.records import catalog

app_name = "agreements"
urlpatterns = catalog.urls("agreements")
urlpatterns += [
    path(
        "understanding/<int:pk>/status/",
        views.understanding_transition,
        name="understanding_transition",
    ),
    path("actionitem/<int:pk>/progress/", views.action_item_progress, name="actionitem_progress"),
    path("actionitem/<int:pk>/assign/", views.action_item_assign, name="actionitem_assign"),
    path("actionitem/<int:pk>/watch/", views.action_item_watch, name="actionitem_watch"),
    path("actionitem/<int:pk>/comment/", views.action_item_comment, name="actionitem_comment"),
    path("overdue/", views.overdue, name="overdue"),
]
