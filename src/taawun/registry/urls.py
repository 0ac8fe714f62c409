from taawun.records import catalog

app_name = "registry"
urlpatterns = catalog.urls("registry")
