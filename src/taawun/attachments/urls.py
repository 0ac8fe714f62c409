from django.urls import path

from taawun.attachments import views

app_name = "attachments"

urlpatterns = [
    path("<slug:key>/<int:pk>/add/", views.AttachView.as_view(), name="add"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
]
