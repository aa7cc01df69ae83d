"""Errors of the journeys domain."""

from app.errors import Conflict
from app.i18n import lazy_gettext as _l


class JourneyAlreadyRunning(Conflict):
    code = "journey_already_running"
    title = _l("This candidate already has a journey. Change its steps instead.")


class RouteTemplateRetired(Conflict):
    code = "route_template_retired"
    title = _l("This route is no longer used for new journeys.")


class NoActiveJourney(Conflict):
    code = "no_active_journey"
    title = _l("This candidate has no journey that is running.")


class PlacementLimitReached(Conflict):
    """Another placement beyond the organisation's maximum (Almere: three workplaces)."""

    code = "placement_limit_reached"
    title = _l("The last workplace has been tried. Choose another provision.")
