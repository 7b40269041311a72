from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("dane-uczestnika/", views.participant_data, name="participant_data"),
]
