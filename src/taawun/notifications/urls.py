from django.urls import path

from taawun.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/read/", views.notification_read, name="read"),
    path("read/", views.notification_read_all, name="read_all"),
    path("my-items/", views.my_items, name="my_items"),
    path("committee/<int:committee_pk>/reminders/", views.reminder_rule, name="reminder_rule"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/<int:user_pk>/", views.contact_update, name="contact_update"),
]
