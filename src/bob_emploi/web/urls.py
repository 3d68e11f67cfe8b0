"""URLs: the JSON API under api/v1/, the HTML pages everywhere else."""

from django.urls import include, path

from bob_emploi.web.api.router import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("bob_emploi.web.coaching.urls")),
    path("", include("bob_emploi.web.insights.urls")),
    path("", include("bob_emploi.web.pages.urls")),
]

handler404 = "bob_emploi.web.pages.views.public.not_found"
handler500 = "bob_emploi.web.pages.views.public.server_error"
