from django.contrib.auth import views as auth_views
from django.urls import path

from taawun.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", views.otp_verify, name="otp_verify"),
    path("confirm/", views.reauth, name="reauth"),
    path("password/", views.password_change, name="password_change"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_update, name="user_update"),
    path("users/<int:pk>/password-reset/", views.user_password_reset, name="user_password_reset"),
    path(
        "users/<int:pk>/second-factor-reset/", views.user_second_factor_reset, name="user_second_factor_reset"
    ),
]
