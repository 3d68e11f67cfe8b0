from django.urls import include, path

from bob_emploi.web.api.router import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("bob_emploi.web.pages.urls")),
]
