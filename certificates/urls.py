from django.urls import path, re_path

from . import views

app_name = "certificates"

urlpatterns = [
    path("v/<str:code>/", views.verify, name="verify"),
    path("sprawdz/", views.lookup, name="lookup"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("wystawca.json", views.issuer, name="issuer"),
    path("lista-uniewaznien.json", views.revocation_list, name="revocation_list"),
    path("moje/", views.my_certificates, name="mine"),
    path("osrodek/", views.centre_certificates, name="centre"),
    path("osrodek/paczka.zip", views.centre_bundle, name="centre_bundle"),
    path("paczka/", views.programme_bundle, name="programme_bundle"),
    path("pobierz/<str:code>.pdf", views.certificate_pdf, name="pdf"),
    re_path(
        r"^pobierz/(?P<code>[0-9A-Za-z-]+)\.(?P<fmt>jwt|json)$",
        views.certificate_credential,
        name="credential",
    ),
    path("uniewaznij/<str:code>/", views.revoke, name="revoke"),
    path("korekta/<str:code>/", views.correct, name="correct"),
    path("program-cal/<int:pk>/ocena/", views.cal_record_review, name="cal_review"),
    path("program-cal/dowod/<int:pk>/", views.cal_evidence, name="cal_evidence"),
]
