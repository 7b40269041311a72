from django.contrib.auth import get_user_model

from cms import roles


def coordinated_centre(user):
    """The centre a centre coordinator speaks for: the one a programme coordinator assigned
    (`User.coordinated_centre`), never the centre named in their own profile. None otherwise."""
    if roles.has_role(user, roles.CENTRE_COORDINATORS) and user.coordinated_centre_id:
        return user.coordinated_centre
    return None


def pending_centre_change(user):
    """The person's own request to move to another centre that still waits, or None."""
    from cms.models import CentreChangeRequest

    return (
        CentreChangeRequest.objects.filter(user=user, status=CentreChangeRequest.Status.PENDING)
        .select_related("to_centre")
        .first()
    )


def centre_staff(centre):
    return (
        get_user_model()
        .objects.filter(centre=centre, is_active=True)
        .order_by("last_name", "first_name")
        .only("id", "first_name", "last_name", "email", "job_title")
    )
