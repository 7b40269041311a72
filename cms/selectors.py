from django.contrib.auth import get_user_model

from cms import roles


def coordinated_centre(user):
    """The centre a centre coordinator speaks for: the one their profile names. None otherwise."""
    if roles.has_role(user, roles.CENTRE_COORDINATORS) and user.centre_id:
        return user.centre
    return None


def centre_staff(centre):
    return (
        get_user_model()
        .objects.filter(centre=centre, is_active=True)
        .order_by("last_name", "first_name")
        .only("id", "first_name", "last_name", "email", "job_title")
    )
