"""Reads for the good-practice database: the finder (filters, search, the map) and one
practice's details. Every page makes a fixed number of queries, however many practices exist."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from certificates.models import CertificateStatus, QualityCertificate
from cms import search as site_search
from cms.models import Voivodeship
from cms.validators import ascii_int
from network.forms import BANDS, FinderForm
from network.models import PracticePage, PracticeTheme
from programme.voivodeship_map import outlines

PAGE_SIZE = 20
SEARCH_LIMIT = 500
# Fill and text colours by number of practices (text contrast at least 4.5:1 on its fill).
MAP_BANDS = [
    (0, _("brak praktyk"), "#f2f2f2", "#1a1a1a"),
    (1, _("1–2 praktyki"), "#c6dbef", "#1a1a1a"),
    (3, _("3–5 praktyk"), "#6baed6", "#1a1a1a"),
    (6, _("6 i więcej praktyk"), "#08519c", "#ffffff"),
]


def valid_quality_certificates(centre_ids) -> dict:
    """centre id -> the CAL quality certificate valid today (issued, in its period), one query."""
    today = timezone.localdate()
    found = {}
    rows = (
        QualityCertificate.objects.filter(
            centre_id__in=[pk for pk in centre_ids if pk],
            status=CertificateStatus.ISSUED,
            valid_from__lte=today,
            valid_until__gte=today,
        )
        .only("pk", "centre_id", "number", "verification_code", "valid_until")
        .order_by("centre_id", "-valid_until")
    )
    for certificate in rows:
        found.setdefault(certificate.centre_id, certificate)
    return found


def _practices(index):
    return (
        PracticePage.objects.live()
        .public()
        .descendant_of(index)
        .select_related("centre")
        .prefetch_related(Prefetch("themes", queryset=PracticeTheme.objects.order_by("sort_order")))
    )


def _filtered(queryset, data, *, with_voivodeship=True):
    if with_voivodeship and data.get("woj"):
        queryset = queryset.filter(voivodeship=data["woj"])
    if data.get("typ"):
        queryset = queryset.filter(unit_type=data["typ"])
    if data.get("temat"):
        queryset = queryset.filter(themes=data["temat"])
    if data.get("mieszkancy"):
        low, high = BANDS[data["mieszkancy"]]
        queryset = queryset.filter(population__gte=low)
        if high is not None:
            queryset = queryset.filter(population__lte=high)
    return queryset


def _search_ids(index, query: str) -> list[int]:
    """The ids of the practices the site's Polish search finds, best first."""
    found = site_search.search(PracticePage.objects.live().public().descendant_of(index), query)[
        :SEARCH_LIMIT
    ]
    return [page.pk for page in found]


def map_regions(counts: dict, params) -> dict:
    """The SVG map of the 16 voivodeships (the programme dashboard's outlines), each coloured
    by its number of practices and linking to them, with the legend."""
    data = outlines()
    drawn = []
    for key, label in Voivodeship.choices:
        shape = data["regions"][key]
        count = counts.get(key, 0)
        _low, band, fill, text = next(b for b in reversed(MAP_BANDS) if count >= b[0])
        query = params.copy()
        query["woj"] = key
        query.pop("strona", None)
        drawn.append(
            {
                "key": key,
                "label": label,
                "count": count,
                "d": shape["d"],
                "x": shape["label"][0],
                "y": shape["label"][1],
                "fill": fill,
                "text_colour": text,
                "query": query.urlencode(),
                "title": ngettext(
                    "%(name)s: %(count)s dobra praktyka. Pokaż ją.",
                    "%(name)s: %(count)s dobrych praktyk. Pokaż je.",
                    count,
                )
                % {"name": label, "count": count},
            }
        )
    legend = [(label, fill) for _low, label, fill, _text in MAP_BANDS]
    return {"width": data["width"], "height": data["height"], "regions": drawn, "legend": legend}


def practice_finder(*, index, params) -> dict:
    """What the index page shows for its GET parameters (each validated; a bad one is named and
    left out, never an error page)."""
    form = FinderForm(params)
    form.is_valid()
    data = form.cleaned_data
    query = data.get("q", "")
    practices = _practices(index)
    ids = None
    if query:
        ids = _search_ids(index, query)
        practices = practices.filter(pk__in=ids)
    counted = _filtered(practices, data, with_voivodeship=False)
    counts = dict(
        counted.order_by()
        .values("voivodeship")
        .annotate(n=Count("pk", distinct=True))
        .values_list("voivodeship", "n")
    )
    listed = _filtered(practices, data).distinct()
    number = ascii_int(params.get("strona", "")) or 1
    if ids is None:
        paginator = Paginator(listed.order_by("voivodeship", "town", "title"), PAGE_SIZE)
        page = paginator.get_page(number)
        items = list(page.object_list)
    else:
        # Best match first: the search's order, paged in Python (at most SEARCH_LIMIT ids).
        matching = set(listed.values_list("pk", flat=True))
        paginator = Paginator([pk for pk in ids if pk in matching], PAGE_SIZE)
        page = paginator.get_page(number)
        by_pk = {practice.pk: practice for practice in practices.filter(pk__in=page.object_list)}
        items = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    badges = valid_quality_certificates({practice.centre_id for practice in items})
    for practice in items:
        practice.quality_certificate = badges.get(practice.centre_id)
    paging = params.copy()
    paging.pop("strona", None)
    return {
        "form": form,
        "query": query,
        "practices": items,
        "page_obj": page,
        "total": paginator.count,
        "paging_query": paging.urlencode(),
        "map": map_regions(counts, params),
        "filtered": any(data.get(name) for name in ("q", "woj", "typ", "temat", "mieszkancy")),
        "no_results_message": _("Nie znaleźliśmy praktyk spełniających te warunki."),
    }


def practice_details(*, practice) -> dict:
    certificate = None
    if practice.centre_id:
        certificate = valid_quality_certificates([practice.centre_id]).get(practice.centre_id)
    return {"quality_certificate": certificate, "themes": list(practice.themes.all())}


def cal_network(*, page) -> dict:
    """The CAL network page: certified centres (valid certificates today), centres in the
    two-year programme, and the figures, each with its source. Four queries."""
    from django.db.models import Sum

    from certificates.models import CalProgrammeRecord, CalRecordStatus

    today = timezone.localdate()
    certified = list(
        QualityCertificate.objects.filter(
            status=CertificateStatus.ISSUED, valid_from__lte=today, valid_until__gte=today
        )
        .select_related("centre")
        .order_by("centre__voivodeship", "centre__town", "centre__name")
    )
    in_programme = list(
        CalProgrammeRecord.objects.filter(status=CalRecordStatus.IN_PROGRESS)
        .select_related("centre")
        .order_by("centre__voivodeship", "centre__town", "centre__name")
    )
    records = CalProgrammeRecord.objects.aggregate(
        centres=Count("centre", distinct=True), volunteers=Sum("volunteers")
    )
    practices = PracticePage.objects.live().public().count()
    platform = _("z danych platformy")
    if page.figures_as_of:
        entered = _("wpisane przez koordynatora programu, stan na %(date)s") % {
            "date": page.figures_as_of.strftime("%d.%m.%Y")
        }
    else:
        entered = _("wpisane przez koordynatora programu")
    figures = [
        (
            _("Ośrodki z certyfikatem jakości CAL ważnym dziś"),
            len({c.centre_id for c in certified}),
            platform,
        ),
        (_("Ośrodki w programie CAL na platformie"), records["centres"], platform),
        (
            _("Wolontariusze w przebiegach programu na platformie"),
            records["volunteers"] or 0,
            platform,
        ),
        (_("Opisane dobre praktyki"), practices, platform),
    ]
    for label, value in (
        (_("Ośrodki, które wzięły udział w programie"), page.centres_took_part),
        (_("Ośrodki certyfikowane od początku programu"), page.centres_certified),
        (_("Współpracujące organizacje pozarządowe"), page.cooperating_ngos),
        (_("Wolontariusze w całej sieci"), page.volunteers),
    ):
        if value is not None:
            figures.append((label, value, entered))
    return {
        "figures": [{"label": lbl, "value": v, "source": s} for lbl, v, s in figures],
        "certified": certified,
        "in_programme": in_programme,
    }
