"""What the way back means for money and the guarantee, in plain words for the candidate's
money and guarantee pages (the newest way-back event, read as part of that page's area)."""

from __future__ import annotations

from sqlmodel import Session

from app.access import CandidateFile, FileArea
from app.guarantees.views import income_on_return
from app.i18n import date_text, gettext
from app.journeys.changes import latest_way_back
from app.journeys.models import WayBackKind


def way_back_notes(session: Session, file: CandidateFile, area: FileArea) -> list[str]:
    """Sentences about the newest way back: after a return, that the indication is kept and
    that income can stop for some weeks; after a secondment, that the salary stays. Empty
    when neither happened. Raises NotFound when the actor may not see `area`."""
    event = latest_way_back(session, file, area)
    if event is None:
        return []
    since = gettext("Since %(date)s:") % {"date": date_text(event.starts_on)}
    if event.kind is WayBackKind.return_:
        return [since,
                gettext("You went back to day activities. Your indication for day activities "
                        "stays."),
                # What happens to income comes from the guarantee, as on every other page.
                income_on_return(session, file, area).text]
    if event.kind is WayBackKind.secondment:
        return [since,
                gettext("You went back to day activities, but you keep your salary. Your "
                        "employer lends you to the day activities. This is called secondment."),
                gettext("You stay employed. Your salary stays the same.")]
    return []
