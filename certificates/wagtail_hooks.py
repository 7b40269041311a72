from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms import admin_choosers, log_actions

from .models import (
    CalProgrammeRecord,
    CalReview,
    ParticipantCertificate,
    QualityCertificate,
    QualityCriterion,
    SigningKey,
)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Issued certificates and decisions change only through services: view in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "lock", "unlock", "publish"):
            return False
        return super().user_has_permission(user, action)


class KeptRecordsPolicy(ModelPermissionPolicy):
    """Records that are edited but never deleted."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


# Signing keys change only through the key commands (certificates/keys.py): view here.
for _model in (ParticipantCertificate, QualityCertificate, CalReview, SigningKey):
    register_permission_policy(_model, ReadOnlyPolicy(_model), exact_class=True)
for _model in (CalProgrammeRecord, QualityCriterion):
    register_permission_policy(_model, KeptRecordsPolicy(_model), exact_class=True)


LOG_ACTIONS = {
    "osl.certificate.issue": (_("Wydanie certyfikatu"), _("Wydano")),
    "osl.certificate.reissue": (_("Korekta certyfikatu"), _("Wydano w miejsce poprzedniego")),
    "osl.certificate.supersede": (_("Zastąpienie certyfikatu"), _("Zastąpiono nowym")),
    "osl.certificate.notify": (_("Powiadomienie o certyfikacie"), _("Wysłano e-mail do osoby")),
    "osl.certificate.revoke": (_("Unieważnienie certyfikatu"), _("Unieważniono")),
    "osl.certificate.resign": (
        _("Ponowne podpisanie poświadczenia"),
        _("Podpisano poświadczenie bieżącym kluczem"),
    ),
    "osl.signing_key.activate": (_("Nowy klucz podpisujący"), _("Klucz podpisuje od teraz")),
    "osl.signing_key.retire": (_("Wycofanie klucza podpisującego"), _("Wycofano z podpisywania")),
    "osl.signing_key.withdraw": (_("Unieważnienie klucza podpisującego"), _("Unieważniono klucz")),
    "osl.cal_record.grant": (_("Przyznanie certyfikatu jakości"), _("Przyznano certyfikat")),
    "osl.cal_record.refuse": (_("Odmowa certyfikatu jakości"), _("Odmówiono certyfikatu")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions, LOG_ACTIONS)


class ActionsColumn(Column):
    """Links to the public verification page and, while it is valid, to revocation."""

    def get_value(self, instance):
        verify = reverse("certificates:verify", args=[instance.verification_code])
        pdf = reverse("certificates:pdf", args=[instance.verification_code])
        links = format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>', verify, _("weryfikacja"), pdf, "PDF"
        )
        if instance.status == "issued":
            revoke = reverse("certificates:revoke", args=[instance.verification_code])
            links = format_html('{} · <a href="{}">{}</a>', links, revoke, _("unieważnij"))
            if hasattr(instance, "holder_name"):
                correct = reverse("certificates:correct", args=[instance.verification_code])
                links = format_html('{} · <a href="{}">{}</a>', links, correct, _("popraw"))
        return links


class ReviewColumn(Column):
    def get_value(self, instance):
        url = reverse("certificates:cal_review", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("kryteria i decyzja"))


class ParticipantCertificateFilterSet(WagtailFilterSet):
    class Meta:
        model = ParticipantCertificate
        fields = ["status", "revocation_kind", "source", "centre", "course_title", "first_day"]


class ParticipantCertificateViewSet(admin_choosers.CheckedSnippetViewSet):
    model = ParticipantCertificate
    icon = "doc-full"
    menu_label = _("Certyfikaty uczestników")
    list_display = [
        "number",
        "holder_name",
        "course_title",
        "first_day",
        "town",
        "status",
        ActionsColumn("actions", label=_("Działania")),
    ]
    list_filter = None
    filterset_class = ParticipantCertificateFilterSet
    search_backend_name = None  # plain database lookups on the fields below
    search_fields = ["holder_name", "number", "course_title", "verification_code"]
    inspect_view_enabled = True
    list_per_page = 50


class QualityCertificateFilterSet(WagtailFilterSet):
    class Meta:
        model = QualityCertificate
        fields = ["status", "revocation_kind", "centre", "valid_until"]


class QualityCertificateViewSet(admin_choosers.CheckedSnippetViewSet):
    model = QualityCertificate
    icon = "success"
    menu_label = _("Certyfikaty jakości CAL")
    list_display = [
        "number",
        "centre_name",
        "centre_town",
        "valid_from",
        "valid_until",
        "status",
        ActionsColumn("actions", label=_("Działania")),
    ]
    filterset_class = QualityCertificateFilterSet
    search_backend_name = None  # plain database lookups on the fields below
    search_fields = ["centre_name", "number", "centre_town", "verification_code"]
    inspect_view_enabled = True


class CalRecordFilterSet(WagtailFilterSet):
    class Meta:
        model = CalProgrammeRecord
        fields = ["status", "centre__voivodeship"]


class CalProgrammeRecordViewSet(admin_choosers.CheckedSnippetViewSet):
    model = CalProgrammeRecord
    icon = "list-ul"
    menu_label = _("Programy CAL ośrodków")
    list_display = ["centre", "started_on", "status", ReviewColumn("review", label=_("Ocena"))]
    filterset_class = CalRecordFilterSet
    search_backend_name = None  # plain database lookups on the fields below
    search_fields = ["centre__name", "centre__town", "notes"]
    inspect_view_enabled = True


class QualityCriterionViewSet(admin_choosers.CheckedSnippetViewSet):
    model = QualityCriterion
    icon = "tasks"
    menu_label = _("Kryteria certyfikatu jakości")
    list_display = ["metric", "threshold", "description", "is_active"]


class CalReviewViewSet(admin_choosers.CheckedSnippetViewSet):
    model = CalReview
    icon = "clipboard-list"
    menu_label = _("Oceny programów CAL")
    list_display = ["record", "decision", "reviewer", "decided_at"]
    inspect_view_enabled = True


class SigningKeyViewSet(admin_choosers.CheckedSnippetViewSet):
    model = SigningKey
    icon = "key"
    menu_label = _("Klucze podpisujące")
    list_display = [
        "kid",
        "status",
        "source",
        "created_at",
        "retired_at",
        "withdrawn_at",
        "withdrawn_reason",
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "kid",
        "public_x",
        "status",
        "source",
        "created_at",
        "retired_at",
        "withdrawn_at",
        "withdrawn_reason",
        "withdrawn_by",
    ]


class CertificatesGroup(SnippetViewSetGroup):
    menu_label = _("Certyfikaty")
    menu_icon = "doc-full"
    menu_order = 300
    items = (
        ParticipantCertificateViewSet,
        QualityCertificateViewSet,
        CalProgrammeRecordViewSet,
        QualityCriterionViewSet,
        CalReviewViewSet,
        SigningKeyViewSet,
    )


register_snippet(CertificatesGroup)
