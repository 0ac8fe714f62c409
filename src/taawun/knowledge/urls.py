from taawun.knowledge.views import CRUDS

app_name = "knowledge"
urlpatterns = [url for crud in CRUDS for url in crud.urls()]
