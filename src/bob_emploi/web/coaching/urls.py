from django.urls import path

from bob_emploi.web.coaching import views

app_name = "coaching"

urlpatterns = [
    path("compte/emails-de-suivi", views.settings_page, name="settings"),
    path("coaching/desabonnement/<str:token>", views.unsubscribe, name="unsubscribe"),
]
