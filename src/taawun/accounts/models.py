from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's own user model, so roles and clearances can be added without a table swap."""
