from django.urls import path

from taawun.reports import views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("brief/<str:code>/", views.country_brief, name="country_brief"),
    path("brief/<str:code>/pdf/", views.country_brief_pdf, name="country_brief_pdf"),
    path("brief/<str:code>/docx/", views.country_brief_docx, name="country_brief_docx"),
]
