"""The map of Poland's 16 voivodeships on the dashboard: outlines from programme/map_data.json
(built by programme/map_build.py from Natural Earth, docs/map-data.md), coloured by progress."""

import functools
import json
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext as _

from programme import selectors
from programme.templatetags.programme_tags import percent


@functools.cache
def outlines() -> dict:
    return json.loads(Path(__file__).with_name("map_data.json").read_text(encoding="utf-8"))


def regions(dashboard: selectors.Dashboard) -> dict:
    """What the template draws: the SVG's size, one entry per voivodeship, and the legend."""
    data = outlines()
    workshops_url = reverse("wagtailsnippets_enrolment_workshop:list")
    drawn = []
    for figures in dashboard.voivodeships:
        shape = data["regions"][figures.key]
        progress = selectors.region_progress(figures, dashboard.total)
        _bound, band_label, fill, text = selectors.progress_band(progress)
        drawn.append(
            {
                "figures": figures,
                "d": shape["d"],
                "x": shape["label"][0],
                "y": shape["label"][1],
                "fill": fill,
                "text_colour": text,
                "progress": percent(progress, 0),
                "band": band_label,
                "url": f"{workshops_url}?venue__voivodeship={figures.key}",
                "title": _(
                    "%(name)s: %(progress)s celu (%(band)s); przeszkolone osoby: %(people)s; "
                    "szkolenia odbyte: %(held)s, zaplanowane: %(planned)s. "
                    "Otwórz listę szkoleń."
                )
                % {
                    "name": figures.label,
                    "progress": percent(progress, 0),
                    "band": band_label,
                    "people": figures.people_completed,
                    "held": figures.held,
                    "planned": figures.planned,
                },
            }
        )
    legend = [(label, fill) for _b, label, fill, _t in selectors.PROGRESS_BANDS]
    legend.append((selectors.NO_TARGET_BAND[1], selectors.NO_TARGET_BAND[2]))
    return {"width": data["width"], "height": data["height"], "regions": drawn, "legend": legend}
