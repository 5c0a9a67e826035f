from django.urls import path

from . import views

app_name = "ressources"

urlpatterns = [
    path("mes-inscriptions/", views.my_registrations, name="my_registrations"),
]
