from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "osl.enrolment.create": (_("Zapis na szkolenie"), _("Zapisano na szkolenie")),
    "osl.enrolment.cancel": (_("Anulowanie zapisu"), _("Anulowano zapis")),
    "osl.enrolment.offer": (_("Propozycja miejsca"), _("Zaproponowano zwolnione miejsce")),
    "osl.enrolment.accept_offer": (_("Przyjęcie miejsca"), _("Przyjęto zaproponowane miejsce")),
    "osl.enrolment.decline_offer": (_("Odrzucenie miejsca"), _("Odrzucono propozycję miejsca")),
    "osl.enrolment.offer_expired": (_("Wygaśnięcie propozycji"), _("Propozycja miejsca wygasła")),
    "osl.enrolment.approve": (_("Zgoda ośrodka"), _("Ośrodek zatwierdził zapis")),
    "osl.enrolment.reject": (_("Brak zgody ośrodka"), _("Ośrodek nie zatwierdził zapisu")),
    "osl.enrolment.waitlist_move": (
        _("Zmiana kolejności listy rezerwowej"),
        _("Zmieniono miejsce na liście rezerwowej"),
    ),
    "osl.enrolment.workshop_cancelled": (
        _("Odwołanie szkolenia"),
        _("Zapis anulowany z powodu odwołania szkolenia"),
    ),
    "osl.enrolment.complete": (_("Ukończenie szkolenia"), _("Uczestnik ukończył szkolenie")),
    "osl.enrolment.complete_withdrawn": (
        _("Cofnięcie ukończenia"),
        _("Korekta obecności cofnęła ukończenie szkolenia"),
    ),
    "osl.workshop.capacity": (_("Zmiana liczby miejsc"), _("Zmieniono liczbę miejsc")),
    "osl.workshop.cancel": (_("Odwołanie szkolenia"), _("Odwołano szkolenie")),
    "osl.workshop.import": (_("Import harmonogramu"), _("Zaimportowano z harmonogramu")),
    "osl.centre.enrolment_policy": (
        _("Zasady zapisów ośrodka"),
        _("Zmieniono wymóg zgody na zapisy"),
    ),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
