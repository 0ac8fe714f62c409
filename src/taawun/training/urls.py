from django.urls import path

from taawun.records import catalog
from taawun.training import views

app_name = "training"
urlpatterns = catalog.urls("training") + [
    path("pledged-vs-delivered/", views.pledged_vs_delivered, name="pledged_vs_delivered"),
]
