from taawun.registry.views import CRUDS

app_name = "registry"
urlpatterns = [url for crud in CRUDS for url in crud.urls()]
