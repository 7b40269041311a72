"""Strict input: ids and numbers in ASCII digits only, UTF-8 only, no PUT to form views."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cms.forms import AsciiDecimalField, AsciiIntegerField, AsciiModelChoiceField
from cms.models import Centre, CentreChangeRequest
from cms.validators import ascii_int
from courses.services import CourseError, quiz_grade
from tests.cms.helpers import signup_data, text
from tests.courses.factories import quiz_value
from tests.factories import CentreFactory, UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic(number) -> str:
    return str(number).translate(ARABIC)


@pytest.fixture
def person():
    return UserFactory(first_name="Zofia")


@pytest.fixture
def person_client(person):
    client = Client()
    client.force_login(person)
    return client


# --- ids and numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("34", 34),
        (" 34 ", 34),
        ("٣٤", None),
        ("３４", None),
        ("1_000", None),
        ("12.0", None),
        ("-3", None),
        ("", None),
        ("9" * 19, None),
        (None, None),
        (["3"], None),
    ],
)
def test_ascii_int_reads_ascii_digits_only(value, expected):
    assert ascii_int(value) == expected


def test_ascii_int_signed():
    assert ascii_int("-3", signed=True) == -3
    assert ascii_int("-٣", signed=True) is None


@pytest.mark.parametrize("value", ["٣٤", "３４", "1_000", "12.0", "३४"])
def test_integer_field_refuses_what_is_not_ascii_digits(value):
    with pytest.raises(ValidationError):
        AsciiIntegerField().clean(value)
    assert AsciiIntegerField().clean("34") == 34


@pytest.mark.parametrize("value", ["٣.٥", "3_0", "３"])
def test_decimal_field_refuses_what_is_not_ascii_digits(value):
    with pytest.raises(ValidationError):
        AsciiDecimalField().clean(value)
    assert AsciiDecimalField().clean("3.5") == Decimal("3.5")


def test_model_choice_field_refuses_an_id_in_other_digits():
    centre = CentreFactory()
    field = AsciiModelChoiceField(queryset=Centre.objects.all())

    with pytest.raises(ValidationError):
        field.clean(arabic(centre.pk))
    assert field.clean(str(centre.pk)) == centre


def test_profile_centre_in_arabic_digits_is_refused(person_client, person):
    other = CentreFactory()
    data = {
        "first_name": "Zofia",
        "last_name": person.last_name,
        "job_title": person.job_title,
        "phone": "",
        "centre": arabic(other.pk),
    }

    response = person_client.post(reverse("cms:profile"), data)

    assert response.status_code == 200
    assert "Wybierz poprawną wartość" in text(response)
    assert not CentreChangeRequest.objects.exists()
    person.refresh_from_db()
    assert person.centre_id != other.pk


def test_signup_centre_in_arabic_digits_is_refused(client):
    centre = CentreFactory()
    before = User.objects.count()

    response = client.post(reverse("account_signup"), signup_data(None, centre=arabic(centre.pk)))

    assert response.status_code == 200
    assert User.objects.count() == before


@pytest.mark.parametrize(
    "answers",
    [
        {"q٠": ["o0"], "q1": ["o0", "o1"]},  # question number in Arabic-Indic digits
        {"q0": ["o٠"], "q1": ["o0", "o1"]},  # option number
        {"q0": ["o0"], "q１": ["o0", "o1"]},  # fullwidth
    ],
)
def test_quiz_question_and_option_numbers_are_ascii(answers):
    assert quiz_grade(quiz=quiz_value(), answers={"q0": ["o0"], "q1": ["o0", "o1"]})[0] == 100

    with pytest.raises(CourseError):
        quiz_grade(quiz=quiz_value(), answers=answers)


def test_schedule_import_numbers_are_ascii(with_roles):
    from cms import roles
    from enrolment.models import Workshop
    from enrolment.services.schedule_import import schedule_import
    from tests.enrolment.factories import course_page

    course_page("Animator lokalny")
    header = (
        "kod;kurs;miejsce;ulica;kod_pocztowy;miejscowosc;wojewodztwo;dzien1;dzien1_od;"
        "dzien1_do;dzien2;dzien2_od;dzien2_do;miejsca;limit_na_osrodek;trenerzy;stan"
    )
    line = (
        "osl-2027-001;Animator lokalny;Dom Kultury;ul. Lipowa 3;15-001;Białystok;podlaskie;"
        "2027-03-10;09:00;16:00;2027-03-11;09:00;15:00;{seats};3;;opublikowane"
    )
    actor = UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None)

    report = schedule_import(
        name="plan.csv", content=f"{header}\n{line.format(seats='٢٥')}\n".encode(), actor=actor
    )

    assert not report.ok
    assert not Workshop.objects.exists()
    report = schedule_import(
        name="plan.csv", content=f"{header}\n{line.format(seats='25')}\n".encode(), actor=actor
    )
    assert report.ok, report.as_dict()
    assert Workshop.objects.get().capacity == 25


def test_admin_model_forms_read_ascii_digits_only(client, with_roles):
    """The admin's workshop form: capacity "٢٥" is refused, "25" saved."""
    from cms import roles
    from tests.enrolment.factories import WorkshopFactory

    workshop = WorkshopFactory(capacity=20)
    client.force_login(UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None))
    url = reverse("wagtailsnippets_enrolment_workshop:edit", args=[workshop.pk])
    data = {
        "code": workshop.code,
        "course": workshop.course_id,
        "venue": workshop.venue_id,
        "programme": workshop.programme,
        "day_one_date": workshop.day_one_date.isoformat(),
        "day_one_start": "09:00",
        "day_one_end": "16:00",
        "day_two_date": workshop.day_two_date.isoformat(),
        "day_two_start": "09:00",
        "day_two_end": "15:00",
        "centre_cap": "",
        "signup_opens_at": "",
        "signup_closes_at": "",
        "state": workshop.state,
    }

    client.post(url, {**data, "capacity": "٢٥"})
    workshop.refresh_from_db()
    assert workshop.capacity == 20
    client.post(url, {**data, "capacity": "25"})
    workshop.refresh_from_db()
    assert workshop.capacity == 25


def test_page_number_in_other_digits_is_page_one(client):
    response = client.get(reverse("courses:search"), {"q": "x", "strona": "٢"})
    assert response.status_code == 200


# --- UTF-8 only ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/szkolenia/?wojewodztwo=%FF",
        "/kursy/szukaj/?q=%C3%28",  # a broken two-byte sequence
        "/kursy/szukaj/?q=caf%E9",  # Latin-1, not UTF-8
        "/szkolenia/%FF/",
        "/certyfikaty/sprawdz/?kod=%ED%A0%80",  # a UTF-16 surrogate encoded as UTF-8
    ],
)
def test_invalid_utf8_in_path_or_query_is_400(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "UTF-8" in text(response)


def test_valid_utf8_passes(client):
    assert client.get("/kursy/szukaj/?q=%C5%BC%C3%B3%C5%82w").status_code == 200  # "żółw"


def test_invalid_utf8_in_a_form_body_is_400_and_not_stored(person_client, person):
    body = b"first_name=Zofia%FF&last_name=Nowak&job_title=x&phone=&centre="
    body += str(person.centre_id).encode()

    response = person_client.post(
        reverse("cms:profile"), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    person.refresh_from_db()
    assert person.first_name == "Zofia"
    assert person.last_name != "Nowak"


def test_invalid_utf8_in_a_multipart_body_is_400_and_not_stored(person_client, person):
    boundary = "XyZ"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="first_name"\r\n\r\n'.encode()
        + b"Zo\xfffia\r\n"
        + f'--{boundary}\r\nContent-Disposition: form-data; name="last_name"\r\n\r\n'.encode()
        + b"Nowak\r\n"
        + f'--{boundary}\r\nContent-Disposition: form-data; name="centre"\r\n\r\n'.encode()
        + str(person.centre_id).encode()
        + f"\r\n--{boundary}--\r\n".encode()
    )

    response = person_client.post(
        reverse("cms:profile"), body, content_type=f"multipart/form-data; boundary={boundary}"
    )

    assert response.status_code == 400
    person.refresh_from_db()
    assert person.last_name != "Nowak"


@pytest.mark.parametrize("charset", ["latin-1", "no-such-charset"])
def test_a_form_body_in_another_charset_is_400(person_client, person, charset):
    response = person_client.generic(
        "POST",
        reverse("cms:profile"),
        b"first_name=Zofia&last_name=Nowak&centre=" + str(person.centre_id).encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400
    person.refresh_from_db()
    assert person.last_name != "Nowak"


# --- methods ---------------------------------------------------------------------------------

ACCOUNT_FORM_VIEWS = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_change_password",
    "account_email",
]


@pytest.mark.parametrize("name", ACCOUNT_FORM_VIEWS)
def test_put_to_an_account_form_view_is_405(person_client, name):
    response = person_client.put(reverse(name), "login=x&password=y")

    assert response.status_code == 405
    assert "PUT" not in response["Allow"]
    assert "POST" in response["Allow"]


def test_put_does_not_sign_anyone_up(client):
    centre = CentreFactory()
    before = User.objects.count()

    response = client.put(
        reverse("account_signup"),
        urlencode(signup_data(centre)),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 405
    assert User.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        reverse("cms:profile"),
        reverse("cms:my_data"),
        reverse("cms:delete_account"),
        reverse("cms:my_centre"),
        reverse("courses:my_learning"),
        reverse("courses:search"),
        reverse("enrolment:catalogue"),
        reverse("enrolment:my_workshops"),
        reverse("enrolment:centre_signup"),
        reverse("certificates:lookup"),
        reverse("certificates:mine"),
    ],
)
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_unused_methods_on_function_views_are_405(person_client, url, method):
    assert getattr(person_client, method)(url).status_code == 405


def _our_url_patterns():
    """(name, pattern) of every URL of our apps and of allauth's account views."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace=()):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
                yield from walk(pattern.url_patterns, inner)
                continue
            view = getattr(pattern.callback, "view_class", pattern.callback)
            module = view.__module__
            if pattern.name and (
                module.split(".")[0] in OUR_APPS or module.startswith("allauth.account")
            ):
                yield ":".join((*namespace, pattern.name)), pattern

    seen = {}
    for name, pattern in walk(get_resolver().url_patterns):
        seen.setdefault(name, pattern)
    return sorted(seen.items())


OUR_APPS = {"cms", "courses", "enrolment", "certificates", "programme"}
# Pages, served by Wagtail (their views answer GET only, and are not ours to decorate).
NOT_VIEWS_OF_OURS = {"wagtail_serve"}
# Arguments of the URLs whose pattern is a regular expression.
REGEX_KWARGS = {
    "account_confirm_email": {"key": "abc"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "abc-def"},
    "programme_admin:export": {"kind": "abc", "fmt": "csv"},
}


def _sample_url(name, pattern):
    from django.urls import NoReverseMatch
    from django.urls.converters import IntConverter

    if name in REGEX_KWARGS:
        kwargs = REGEX_KWARGS[name]
    else:
        converters = getattr(pattern.pattern, "converters", {})
        kwargs = {
            key: 1 if isinstance(converter, IntConverter) else "abc"
            for key, converter in converters.items()
        }
        if name == "certificates:credential":
            kwargs = {"code": "abc", "fmt": "json"}
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def test_no_url_of_ours_answers_put_patch_or_delete(client):
    """Every URL of our apps and allauth's account views, from the URL conf (so a new one is
    checked too), as a superuser (no access rule stops the request first): 405."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    problems = []
    urls = [(n, p) for n, p in _our_url_patterns() if n not in NOT_VIEWS_OF_OURS]
    assert len(urls) > 40
    for name, pattern in urls:
        url = _sample_url(name, pattern)
        if url is None:
            problems.append(f"{name}: give it sample arguments in REGEX_KWARGS")
            continue
        for method in ("put", "patch", "delete"):
            status = getattr(client, method)(url).status_code
            if status != 405:
                problems.append(f"{method.upper()} {url} ({name}): {status}")

    assert not problems, "\n".join(problems)
