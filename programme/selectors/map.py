"""Progress on the map: a voivodeship's progress against its target and the colour band it gets."""

from cms.models.address import Voivodeship

from .figures import Figures, ratio


def region_progress(region: Figures, total: Figures) -> float | None:
    """How far a voivodeship is toward its people target: its own target when one is set,
    otherwise an even share of the programme's (1/16). None when there is no target at all."""
    target = region.people_target
    if target is None and total.people_target:
        target = total.people_target / len(Voivodeship.choices)
    return ratio(region.people_completed, target)


# (lower bound of the progress, label, fill colour, text colour): the text on each fill meets
# WCAG AA (4.5:1); the boundaries between regions are drawn in a dark stroke.
PROGRESS_BANDS = [
    (1.0, "100% i więcej", "#08306b", "#ffffff"),
    (0.75, "75–99%", "#2171b5", "#ffffff"),
    (0.5, "50–74%", "#6baed6", "#000000"),
    (0.25, "25–49%", "#c6dbef", "#000000"),
    (0.0, "0–24%", "#f7fbff", "#000000"),
]


NO_TARGET_BAND = (None, "brak celu", "#e0e0e0", "#000000")


def progress_band(progress: float | None) -> tuple:
    if progress is None:
        return NO_TARGET_BAND
    for band in PROGRESS_BANDS:
        if progress >= band[0]:
            return band
    return PROGRESS_BANDS[-1]
