from django.urls import path

from taawun.programmes import views
from taawun.records import catalog

app_name = "programmes"
urlpatterns = catalog.urls("programmes")
urlpatterns += [
    path("engagement/<int:pk>/", views.programme, name="programme"),
    path("engagement/<int:pk>/pdf/", views.programme_pdf, name="programme_pdf"),
    path("engagement/<int:pk>/delegation/", views.delegation_order, name="delegation_order"),
]
