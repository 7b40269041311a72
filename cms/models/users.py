from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.validators import phone_validator


class EmailUserManager(UserManager):
    """Accounts are identified by e-mail address; there are no usernames."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adres e-mail"), unique=True)
    job_title = models.CharField(_("stanowisko"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("ośrodek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    # Who speaks for a centre is a programme coordinator's decision, never the person's own
    # profile field: moving one's profile to another centre must not open that centre's data.
    coordinated_centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("koordynowany ośrodek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinators",
        help_text=_("Nadaje koordynator programu; nie zmienia się razem z profilem."),
    )
    anonymised_at = models.DateTimeField(_("dane usunięte"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email


class ConsentRecord(models.Model):
    """What a person agreed to, which version of the text, and when (RODO art. 7(1))."""

    class Kind(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("przetwarzanie danych osobowych")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text_version = models.CharField(_("wersja treści"), max_length=20)
    given_at = models.DateTimeField(_("udzielono"), auto_now_add=True)

    class Meta:
        verbose_name = _("zgoda")
        verbose_name_plural = _("zgody")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.text_version}"


class CentreChangeRequest(models.Model):
    """A person asks to move their profile to another centre; a programme coordinator decides.

    The centre decides whose coordinator approves a person's sign-ups and which per-centre cap
    applies, so it never changes on the person's word alone."""

    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na decyzję")
        APPROVED = "approved", _("zatwierdzona")
        REJECTED = "rejected", _("odrzucona")
        WITHDRAWN = "withdrawn", _("wycofana")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="centre_change_requests")
    from_centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("obecny ośrodek"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_centre = models.ForeignKey(
        "cms.Centre", verbose_name=_("nowy ośrodek"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("złożona"), auto_now_add=True)
    decided_at = models.DateTimeField(_("rozpatrzona"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("prośba o zmianę ośrodka")
        verbose_name_plural = _("prośby o zmianę ośrodka")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_centre_change_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.from_centre or '—'} → {self.to_centre}"
