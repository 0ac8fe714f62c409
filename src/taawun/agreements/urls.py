from taawun.agreements.views import CRUDS

app_name = "agreements"
urlpatterns = [url for crud in CRUDS for url in crud.urls()]
