"""ESF participant data: PESEL validation, the form's Polish messages, encryption at rest,
reads only by programme coordinators and logged, masked in "Moje dane"."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied
from django.db import connection
from wagtail.models import ModelLogEntry

from programme import personal, pesel, sealing, selectors, services
from programme.forms import (
    MSG_BIRTH_MISMATCH,
    MSG_PESEL_OR_NONE,
    MSG_REQUIRED,
    MSG_SEX_MISMATCH,
    ParticipantRecordForm,
)
from programme.models import ParticipantRecord

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def make_pesel(day: datetime.date, sex: str, serial: str = "012") -> str:
    offset = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[day.year // 100]
    sex_digit = "3" if sex == "m" else "4"
    body = f"{day.year % 100:02d}{day.month + offset:02d}{day.day:02d}{serial}{sex_digit}"
    check = (10 - sum(w * int(d) for w, d in zip(WEIGHTS, body, strict=True)) % 10) % 10
    return body + str(check)


def test_a_known_pesel():
    parsed = pesel.parse("44051401359")
    assert parsed.birth_date == datetime.date(1944, 5, 14) and parsed.sex == pesel.MALE


@pytest.mark.parametrize(
    "day", [datetime.date(1899, 12, 31), datetime.date(2004, 2, 29), datetime.date(1988, 7, 1)]
)
@pytest.mark.parametrize("sex", ["k", "m"])
def test_century_and_sex_are_read(day, sex):
    parsed = pesel.parse(make_pesel(day, sex))
    assert (parsed.birth_date, parsed.sex) == (day, sex)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("44051401358", "checksum"),
        ("4405140135", "format"),
        ("440514013590", "format"),
        ("4405140135x", "format"),
        ("٤٤٠٥١٤٠١٣٥٩", "format"),  # Arabic-Indic digits are not ASCII digits
        ("", "format"),
    ],
)
def test_bad_pesel_is_refused_with_a_reason(value, code):
    with pytest.raises(pesel.PeselError) as exc:
        pesel.parse(value)
    assert exc.value.code == code


def test_impossible_birth_date_with_a_correct_check_digit():
    body = "0113300101"  # month 13: no century uses it
    check = (10 - sum(w * int(d) for w, d in zip(WEIGHTS, body, strict=True)) % 10) % 10
    with pytest.raises(pesel.PeselError) as exc:
        pesel.parse(body + str(check))
    assert exc.value.code == "date"
    body = "0102300101"  # 30 February 1901
    check = (10 - sum(w * int(d) for w, d in zip(WEIGHTS, body, strict=True)) % 10) % 10
    with pytest.raises(pesel.PeselError) as exc:
        pesel.parse(body + str(check))
    assert "niemożliwą datę" in exc.value.message


BIRTH = datetime.date(1985, 3, 9)


def _data(**changes):
    data = {
        "pesel": make_pesel(BIRTH, "k"),
        "sex": "k",
        "birth_date": BIRTH.isoformat(),
        "education": "isced5_8",
        "residence_voivodeship": "mazowieckie",
        "residence_county": "otwocki",
        "residence_gmina": "Otwock",
        "residence_town": "Otwock",
        "area": "urban",
        "employment_status": "public",
        "occupation": "social_assistance",
        "disability": "no",
        "foreign_origin_or_minority": "refused",
        "homeless": "no",
        "other_disadvantage": "no",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_valid_form():
    form = ParticipantRecordForm(_data())
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"pesel": ""}, "pesel", str(MSG_PESEL_OR_NONE)),
        ({"pesel": "44051401358"}, "pesel", "błędną cyfrę kontrolną"),
        ({"birth_date": "1985-03-10"}, "birth_date", str(MSG_BIRTH_MISMATCH)[:40]),
        ({"sex": "m"}, "sex", str(MSG_SEX_MISMATCH)),
        ({"disability": None}, "disability", str(MSG_REQUIRED)),
        ({"pesel": "", "no_pesel": "on", "birth_date": "2030-01-01"}, "birth_date", "prawdziwą"),
        ({"consent": None}, "consent", "Bez tej zgody"),
    ],
)
def test_bad_input_gets_a_polish_message_next_to_the_field(changes, field, message):
    form = ParticipantRecordForm(_data(**changes))
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors


def test_no_pesel_is_accepted_when_declared():
    assert ParticipantRecordForm(_data(pesel="", no_pesel="on")).is_valid()


@pytest.fixture
def saved(participant_user):
    form = ParticipantRecordForm(_data())
    assert form.is_valid(), form.errors
    return services.participant_record_save(
        user=participant_user, form=form, actor=participant_user
    )


@pytest.mark.django_db
def test_the_database_never_holds_the_pesel_in_clear(saved):
    number = make_pesel(BIRTH, "k")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM programme_participantrecord")
        rows = cursor.fetchall()
    assert rows and number not in repr(rows)
    assert "refused" not in repr(rows)  # nor the special-situation answers
    assert sealing.unseal(saved.sealed)["pesel"] == number


@pytest.mark.django_db
def test_only_a_programme_coordinator_reads_it_and_every_read_is_logged(
    saved, programme_coordinator, participant_user, trainer
):
    for other in (participant_user, trainer):
        with pytest.raises(PermissionDenied):
            selectors.participant_record_reveal(saved, actor=other)
    assert not ModelLogEntry.objects.filter(action="osl.esf.read").exists()
    clear = selectors.participant_record_reveal(saved, actor=programme_coordinator)
    assert clear["pesel"] == make_pesel(BIRTH, "k") and clear["disability"] == "no"
    entry = ModelLogEntry.objects.get(action="osl.esf.read")
    assert entry.user_id == programme_coordinator.pk and entry.object_id == str(saved.pk)
    assert make_pesel(BIRTH, "k") not in repr(entry.data) + entry.label
    assert selectors.participant_record_masked(saved)["pesel"] == "•" * 11


@pytest.mark.django_db
def test_my_data_shows_the_record_with_the_pesel_masked(saved, participant_user):
    data = personal.collect(participant_user)
    assert data["pesel"] == "•" * 11
    assert data["residence_town"] == "Otwock" and data["foreign_origin_or_minority"] == "refused"
    assert ModelLogEntry.objects.filter(action="osl.esf.read", user=participant_user).exists()


@pytest.mark.django_db
def test_my_data_page_names_the_voivodeship_not_its_code(saved, participant_user, client):
    ParticipantRecord.objects.filter(pk=saved.pk).update(residence_voivodeship="lodzkie")
    client.force_login(participant_user)
    html = client.get("/konto/moje-dane/").content.decode()
    assert "łódzkie" in html and "lodzkie" not in html


@pytest.mark.django_db
def test_another_person_cannot_write_someone_s_record(participant_user, trainer):
    form = ParticipantRecordForm(_data())
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        services.participant_record_save(user=participant_user, form=form, actor=trainer)
    assert not ParticipantRecord.objects.exists()


def test_keys_from_the_environment_and_rotation(monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv(sealing.KEYS_ENV, old)
    token = sealing.seal({"pesel": "44051401359"})
    monkeypatch.setenv(sealing.KEYS_ENV, new)
    with pytest.raises(sealing.SealError):
        sealing.unseal(token)
    monkeypatch.setenv(sealing.KEYS_ENV, f"{new},{old}")
    assert sealing.unseal(token) == {"pesel": "44051401359"}
    rotated = sealing.reseal(token)
    monkeypatch.setenv(sealing.KEYS_ENV, new)
    assert sealing.unseal(rotated) == {"pesel": "44051401359"}


def test_deploy_check_asks_for_the_key(monkeypatch):
    monkeypatch.delenv(sealing.KEYS_ENV, raising=False)
    assert [m.id for m in sealing.check_keys(None)] == ["programme.W001"]
    monkeypatch.setenv(sealing.KEYS_ENV, "not-a-key")
    assert [m.id for m in sealing.check_keys(None)] == ["programme.E001"]
    monkeypatch.setenv(sealing.KEYS_ENV, Fernet.generate_key().decode())
    assert sealing.check_keys(None) == []
