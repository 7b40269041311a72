from django.urls import path

from enrolment.views import centre, participant, public, trainer

app_name = "enrolment"

urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("moje/", participant.my_workshops, name="my_workshops"),
    path("zapis/<int:pk>/anuluj/", participant.cancel, name="cancel"),
    path("zapis/<int:pk>/przyjmij/", participant.accept_offer, name="accept_offer"),
    path("zapis/<int:pk>/odrzuc/", participant.decline_offer, name="decline_offer"),
    path("kalendarz/nowy-adres/", participant.calendar_feed_reset, name="calendar_feed_reset"),
    path("kalendarz/<str:token>.ics", participant.calendar_feed, name="calendar_feed"),
    path("osrodek/", centre.centre_overview, name="centre_overview"),
    path("osrodek/zapisz/", centre.centre_signup, name="centre_signup"),
    path("osrodek/zasady/", centre.centre_policy, name="centre_policy"),
    path(
        "osrodek/zapis/<int:pk>/<str:decision>/",
        centre.centre_decide,
        name="centre_decide",
    ),
    path("prowadzone/", trainer.my_trainings, name="my_trainings"),
    path("<slug:code>/", public.workshop_detail, name="workshop_detail"),
    path("<slug:code>/kalendarz.ics", public.workshop_calendar, name="workshop_calendar"),
    path("<slug:code>/zapisz/", participant.signup, name="signup"),
    path("<slug:code>/obecnosc/<int:day>/", trainer.attendance, name="attendance"),
    path("<slug:code>/lista-obecnosci-<int:day>.pdf", trainer.sign_in_sheet, name="sign_in_sheet"),
    path("<slug:code>/eksport/<str:kind>.<str:fmt>", trainer.export, name="export"),
]
