from django.urls import path, re_path

from .views import decisions, downloads, public

app_name = "certificates"

urlpatterns = [
    path("v/<str:code>/", public.verify, name="verify"),
    path("sprawdz/", public.lookup, name="lookup"),
    path(".well-known/jwks.json", public.jwks, name="jwks"),
    path("klucze/<str:kid>.json", public.jwk, name="jwk"),
    path("lista-statusow/", public.status_list, name="status_list"),
    path("wystawca.json", public.issuer, name="issuer"),
    path("lista-uniewaznien.json", public.revocation_list, name="revocation_list"),
    path("moje/", downloads.my_certificates, name="mine"),
    path("osrodek/", downloads.centre_certificates, name="centre"),
    path("osrodek/paczka.zip", downloads.centre_bundle, name="centre_bundle"),
    path("paczka/", downloads.programme_bundle, name="programme_bundle"),
    path("pobierz/<str:code>.pdf", downloads.certificate_pdf, name="pdf"),
    re_path(
        r"^pobierz/(?P<code>[0-9A-Za-z-]+)\.(?P<fmt>jwt|json)$",
        downloads.certificate_credential,
        name="credential",
    ),
    path("uniewaznij/<str:code>/", decisions.revoke, name="revoke"),
    path("korekta/<str:code>/", decisions.correct, name="correct"),
    path("program-cal/<int:pk>/ocena/", decisions.cal_record_review, name="cal_review"),
    path("program-cal/dowod/<int:pk>/", downloads.cal_evidence, name="cal_evidence"),
]
