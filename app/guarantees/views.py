"""The way back for income, in one sentence: read from the guarantee in force by every page.

Mijn geld, the money action list, the guarantee page and both APIs call `income_on_return`;
none of them has its own sentence about what happens to income when work stops."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.access import CandidateFile, FileArea
from app.guarantees import service
from app.guarantees.models import FallbackGuarantee, IncomeOnReturn
from app.i18n import get_locale, gettext
from app.journeys.changes import latest_way_back
from app.journeys.models import WayBackKind

# "not_arranged": no guarantee, or one without the structured field; "not_shared": the reader
# may see money but not the guarantee area, so nothing is claimed either way.
NOT_ARRANGED = "not_arranged"
NOT_SHARED = "not_shared"


@dataclass(frozen=True)
class IncomeOnReturnView:
    kind: str  # an IncomeOnReturn value, NOT_ARRANGED or NOT_SHARED
    expected_gap_weeks: int | None
    text: str


def income_on_return_text(kind: str, gap_weeks: int | None) -> str:
    """The one sentence for a kind of income on return, in the reader's language."""
    if kind == IncomeOnReturn.restart_without_application:
        return gettext("Does work stop? Then the municipality starts your benefit again at once. "
                       "You do not have to apply again.")
    if kind == IncomeOnReturn.new_application:
        # Two whole sentences rather than ngettext: the pending-translation files hold plain ids.
        if gap_weeks == 1:
            return gettext("Does work stop? Then you have to apply for your benefit again. It "
                           "can take about a week before you get money. Your contact person "
                           "helps you.")
        return gettext("Does work stop? Then you have to apply for your benefit again. It can "
                       "take about %(weeks)d weeks before you get money. Your contact person "
                       "helps you.") % {"weeks": gap_weeks or 0}
    if kind == IncomeOnReturn.salary_kept:
        return gettext("Does work stop? Then you keep your salary. Your employer lends you to "
                       "the day activities. This is called secondment.")
    if kind == NOT_SHARED:
        return gettext("Ask your contact person what happens to your income when work stops.")
    # The 2023 study: without an arrangement a return can leave some weeks without income.
    return gettext("What happens to your income when work stops has not been arranged yet. "
                   "Without an arrangement it can take a number of weeks before you get a "
                   "benefit again. Ask your contact person about it.")


def view_of(guarantee: FallbackGuarantee | None) -> IncomeOnReturnView:
    """The income on return of one guarantee version (None: nothing arranged)."""
    kind = guarantee.income_on_return if guarantee and guarantee.income_on_return else NOT_ARRANGED
    gap = guarantee.expected_gap_weeks if guarantee and kind == IncomeOnReturn.new_application \
        else None
    return IncomeOnReturnView(kind=str(kind), expected_gap_weeks=gap,
                              text=income_on_return_text(kind, gap))


def income_on_return(session: Session, file: CandidateFile,
                     area: FileArea = FileArea.guarantee) -> IncomeOnReturnView:
    """What happens to income when work stops, for a page of `area`: after a secondment the
    salary stays (a fact that outranks any promise); else the guarantee in force says it. A
    reader who may not see the guarantee area gets no claim either way (no read is logged)."""
    if file.may(area):
        event = latest_way_back(session, file, area)
        if event is not None and event.kind is WayBackKind.secondment:
            kind = IncomeOnReturn.salary_kept.value
            return IncomeOnReturnView(kind, None, income_on_return_text(kind, None))
    if not file.may(FileArea.guarantee):
        return IncomeOnReturnView(NOT_SHARED, None, income_on_return_text(NOT_SHARED, None))
    return view_of(service.find_current(session, file))


@dataclass(frozen=True)
class TypedText:
    """A text the consultant typed, in the reader's language where it was given; else Dutch,
    marked so that the page says so and read-aloud uses a Dutch voice."""

    text: str
    lang: str  # the language the text is in
    in_other_language: bool  # True: the page adds "(in Dutch)" and lang="nl"


def typed_text(guarantee: FallbackGuarantee, field: str) -> TypedText:
    """`field` ("income_consequences" or "free_text") in the reader's language if given."""
    dutch = getattr(guarantee, field)
    reader = get_locale()
    if reader == "nl" or not dutch:
        return TypedText(dutch, "nl", False)
    given = ((guarantee.texts or {}).get(reader) or {}).get(field, "")
    if given:
        return TypedText(given, reader, False)
    return TypedText(dutch, "nl", True)
