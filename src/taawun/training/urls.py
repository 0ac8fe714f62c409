from taawun.training.views import CRUDS

app_name = "training"
urlpatterns = [url for crud in CRUDS for url in crud.urls()]
