from django.urls import path

from cms.views import accounts, centres

app_name = "cms"

urlpatterns = [
    path("profil/", accounts.profile, name="profile"),
    path("moje-dane/", accounts.my_data, name="my_data"),
    path("moje-dane/pobierz/", accounts.my_data_export, name="my_data_export"),
    path("moje-dane/usun-konto/", accounts.delete_account, name="delete_account"),
    path("moj-osrodek/", centres.my_centre, name="my_centre"),
]
