from taawun.records import catalog

app_name = "knowledge"
urlpatterns = catalog.urls("knowledge")
