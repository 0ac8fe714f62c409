from django.urls import path

from taawun.training import views
from taawun.training.views import CRUDS

app_name = "training"
urlpatterns = [url for crud in CRUDS for url in crud.urls()] + [
    path("pledged-vs-delivered/", views.pledged_vs_delivered, name="pledged_vs_delivered"),
]
