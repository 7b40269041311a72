from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("moja-nauka/", views.my_learning, name="my_learning"),
    path("szukaj/", views.search, name="search"),
    path("kurs/<int:course_id>/rozpocznij/", views.course_start, name="course_start"),
    path("modul/<int:module_id>/ukonczony/", views.module_complete, name="module_complete"),
    path("modul/<int:module_id>/quiz/", views.quiz_submit, name="quiz_submit"),
]
