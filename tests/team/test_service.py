"""The team view's numbers: each one on the demo data and on data the test adds, who sees which
names, and a query count that does not grow with the number of candidates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.access_log.models import AccessLogEntry
from app.clock import local_today
from app.errors import PermissionDenied
from app.i18n import reset_locale, set_locale
from app.journeys.models import JourneyStatus, JourneyStep, StepState
from app.people.models import Person
from app.team.service import CASELOAD_LIMIT, team_overview, weighted_median
from tests.team.conftest import actor_for


def overview_for(db, person_id, today=None):
    return team_overview(db, actor_for(db, person_id), today=today or local_today())


def route_named(overview, key):
    return next(route for route in overview.routes if route.key == key)


def step_of(route, key):
    return next(step for step in route.steps if step.key == key)


def caseload_of(overview, person_id):
    return next(row for row in overview.caseloads if row.consultant_id == person_id)


# --- the demo data ---------------------------------------------------------------------------

def test_demo_almere_has_guy_in_his_trial_and_the_durations_of_his_done_steps(db, personas):
    overview = overview_for(db, personas.admin)
    assert overview.organisation_name == "Gemeente Almere"
    almere = route_named(overview, "almere")
    assert step_of(almere, "trial").candidates_now == 1
    assert almere.candidates_now == 1
    # Guy's first three steps were done in their usual time (the seed plans them back to back).
    assert [(s.key, s.median_days, s.finished) for s in almere.steps[:3]] == [
        ("signal", 7, 1), ("three-way-talk", 7, 1), ("observation", 14, 1)]
    assert step_of(almere, "trial").median_days is None
    # Week 3 of 8 is not stalled.
    assert overview.stalled == [] and overview.stalled_in_organisation == 0
    assert caseload_of(overview, personas.consultant).primary == 1
    assert caseload_of(overview, personas.backup_consultant).backup == 1
    assert caseload_of(overview, personas.colleague).primary == 0
    assert overview.this_year.year == local_today().year
    assert overview.this_year.switches_completed == 0
    assert overview.this_year.returns_to_day_activities == 0


def test_demo_amsterdam_sees_sanne_and_none_of_almere(db, personas):
    overview = overview_for(db, personas.other_consultant)
    assert overview.organisation_name == "Gemeente Amsterdam"
    assert [route.key for route in overview.routes] == ["amsterdam"]
    assert step_of(route_named(overview, "amsterdam"), "decide-together").candidates_now == 1
    names = {row.display_name for row in overview.caseloads}
    assert "Ravi Ramdin" in names and "Floor de Vries" not in names


def test_only_staff_get_the_team_view(db, personas):
    for person_id in (personas.candidate, personas.parent, personas.steps_only_member):
        with pytest.raises(PermissionDenied):
            overview_for(db, person_id)


# --- people per step -------------------------------------------------------------------------

def test_people_per_step_counts_active_journeys_of_active_candidates_only(db, personas,
                                                                          team_data):
    almere = team_data.organisation("almere")
    route = team_data.route(almere.id)
    team_data.candidate(route, at="try-out")
    team_data.candidate(route, at="try-out")
    team_data.candidate(route, at="intake")
    team_data.candidate(route, at="try-out", status=JourneyStatus.paused)
    team_data.candidate(route, at="try-out", is_active=False)
    team_data.candidate(route, at=None, status=JourneyStatus.completed)
    # Amsterdam's candidate on (impossibly) Almere's route still never counts for Almere.
    team_data.candidate(route, at="try-out", organisation_id=team_data.organisation("amsterdam").id)

    test_route = route_named(overview_for(db, personas.admin), "team-test")
    assert [(s.key, s.candidates_now) for s in test_route.steps] == [
        ("intake", 1), ("try-out", 2), ("contract", 0), ("aftercare", 0)]
    assert test_route.candidates_now == 3
    assert test_route.name == "Testroute team-test"  # Dutch by default


def test_step_titles_follow_the_viewers_language(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    team_data.candidate(route, at="try-out", days_in_step=40, primary_id=personas.consultant)
    token = set_locale("en")
    try:
        overview = overview_for(db, personas.admin)
    finally:
        reset_locale(token)
    test_route = route_named(overview, "team-test")
    assert test_route.name == "Test route team-test"
    assert step_of(test_route, "try-out").title == "Trying out work"
    assert overview.stalled[0].step_title == "Trying out work"
    assert overview.stalled[0].route_name == "Test route team-test"


def test_hand_added_steps_are_counted_on_one_row_after_the_routes_own(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    for key in ("custom-5", "custom-6"):
        _person, journey = team_data.candidate(route, at="aftercare")
        current = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                                      JourneyStep.state == StepState.current))
        current.key, current.texts = key, {"nl": {"title": "Uitkering regelen"}}
    db.flush()
    token = set_locale("en")
    try:
        steps = route_named(overview_for(db, personas.admin), "team-test").steps
    finally:
        reset_locale(token)
    assert [(s.key, s.candidates_now) for s in steps][-2:] == [("aftercare", 0), ("custom", 2)]
    assert steps[-1].title == "Steps added by hand" and steps[-1].expected_days is None


# --- median days per step --------------------------------------------------------------------

def test_weighted_median():
    assert weighted_median({}) is None
    assert weighted_median({5: 1}) == 5
    assert weighted_median({3: 1, 5: 1, 10: 1}) == 5
    assert weighted_median({3: 1, 5: 1, 10: 1, 20: 1}) == 7.5
    assert weighted_median({3: 3, 100: 2}) == 3


def test_median_days_per_step_from_done_steps(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    for intake_days in (3, 5, 10, 20):
        team_data.candidate(route, at="try-out", done_days={"intake": intake_days})
    team_data.candidate(route, at="contract", done_days={"intake": 5, "try-out": 30})
    # A skipped step and a done step without dates say nothing about how long a step takes.
    _person, journey = team_data.candidate(route, at="contract", done_days={"intake": 99})
    intake = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                                 JourneyStep.key == "intake"))
    intake.state = StepState.skipped
    _person, journey = team_data.candidate(route, at="contract", done_days={"intake": 99})
    intake = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                                 JourneyStep.key == "intake"))
    intake.actual_start = None
    db.flush()

    test_route = route_named(overview_for(db, personas.admin), "team-test")
    assert step_of(test_route, "intake").median_days == 5  # 3, 5, 5, 10, 20
    assert step_of(test_route, "intake").finished == 5
    # The skipped and undated ones' try-out steps were done in their usual 30 days.
    assert step_of(test_route, "try-out").median_days == 30
    assert step_of(test_route, "try-out").finished == 3
    assert step_of(test_route, "contract").median_days is None
    assert step_of(test_route, "contract").expected_days == 14


def test_medians_count_finished_journeys_too(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    team_data.candidate(route, at=None, status=JourneyStatus.completed,
                        done_days={"aftercare": 60})
    team_data.candidate(route, at=None, status=JourneyStatus.completed,
                        done_days={"aftercare": 80})
    test_route = route_named(overview_for(db, personas.admin), "team-test")
    assert step_of(test_route, "aftercare").median_days == 70


# --- stalled list ----------------------------------------------------------------------------

def test_stalled_lists_current_steps_past_their_expected_duration(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    late, _ = team_data.candidate(route, at="try-out", days_in_step=45, name="Anna Laat",
                                  primary_id=personas.consultant,
                                  backup_id=personas.backup_consultant)
    later, _ = team_data.candidate(route, at="intake", days_in_step=30, name="Bert Later",
                                   primary_id=personas.colleague)
    team_data.candidate(route, at="try-out", days_in_step=30)  # exactly on time: not stalled
    team_data.candidate(route, at="try-out", days_in_step=90, status=JourneyStatus.paused)
    _person, journey = team_data.candidate(route, at="intake", days_in_step=400)
    current = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                                  JourneyStep.state == StepState.current))
    current.expected_duration_days = 0  # no expected duration: never stalled
    db.flush()

    overview = overview_for(db, personas.admin)
    assert overview.stalled_total == overview.stalled_in_organisation == 2
    first, second = overview.stalled
    assert (first.candidate_id, first.days_in_step, first.expected_days, first.days_over) == (
        later.id, 30, 10, 20)
    assert (first.candidate_name, first.contact_name, first.step_title) == (
        "Bert Later", "Olga Smit", "Kennismaken")
    assert (second.candidate_id, second.days_in_step, second.expected_days, second.days_over) == (
        late.id, 45, 30, 15)
    assert second.contact_name == "Floor de Vries"
    assert second.route_name == "Testroute team-test"
    assert second.started_on == local_today() - timedelta(days=45)


def test_a_consultant_sees_names_of_their_own_caseload_only(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    anna, _ = team_data.candidate(route, at="try-out", days_in_step=45,
                                  primary_id=personas.consultant,
                                  backup_id=personas.backup_consultant)
    bert, _ = team_data.candidate(route, at="intake", days_in_step=30,
                                  primary_id=personas.colleague)
    team_data.candidate(route, at="intake", days_in_step=30)  # nobody's caseload

    def seen(person_id):
        overview = overview_for(db, person_id)
        return ({item.candidate_id for item in overview.stalled}, overview.stalled_total,
                overview.stalled_in_organisation)

    assert seen(personas.consultant) == ({anna.id}, 1, 3)
    assert seen(personas.backup_consultant) == ({anna.id}, 1, 3)
    assert seen(personas.colleague) == ({bert.id}, 1, 3)
    admin_ids, admin_total, _ = seen(personas.admin)
    assert {anna.id, bert.id} <= admin_ids and admin_total == 3
    assert seen(personas.other_consultant) == (set(), 0, 0)
    assert seen(personas.other_admin) == (set(), 0, 0)


def test_the_names_shown_are_written_to_the_access_log(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    anna, _ = team_data.candidate(route, at="try-out", days_in_step=45,
                                  primary_id=personas.consultant)
    quiet, _ = team_data.candidate(route, at="try-out", days_in_step=1,
                                   primary_id=personas.consultant)
    overview_for(db, personas.consultant)
    logged = set(db.scalars(select(AccessLogEntry.candidate_id).where(
        AccessLogEntry.actor_id == personas.consultant,
        AccessLogEntry.candidate_id.in_([anna.id, quiet.id]))))
    assert logged == {anna.id}


# --- caseload per consultant -----------------------------------------------------------------

def test_caseload_per_consultant_warns_above_the_limit(db, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    for _ in range(CASELOAD_LIMIT):
        team_data.candidate(route, at="intake", primary_id=personas.colleague,
                            backup_id=personas.consultant)
    overview = overview_for(db, personas.admin)
    olga = caseload_of(overview, personas.colleague)
    assert (olga.primary, olga.backup, olga.over_limit) == (CASELOAD_LIMIT, 0, False)
    floor = caseload_of(overview, personas.consultant)
    assert (floor.primary, floor.backup, floor.over_limit) == (1, CASELOAD_LIMIT, False)

    team_data.candidate(route, at="intake", primary_id=personas.colleague)
    team_data.candidate(route, at="intake", primary_id=personas.colleague, is_active=False)
    olga = caseload_of(overview_for(db, personas.admin), personas.colleague)
    assert (olga.primary, olga.over_limit) == (CASELOAD_LIMIT + 1, True)


def test_admins_without_candidates_are_not_in_the_caseload_table(db, personas):
    ids = {row.consultant_id for row in overview_for(db, personas.admin).caseloads}
    assert personas.admin not in ids
    assert {personas.consultant, personas.backup_consultant, personas.colleague} <= ids
    assert personas.other_consultant not in ids


# --- this year -------------------------------------------------------------------------------

def _contract_done_on(db, journey, day, state=StepState.done):
    step = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                               JourneyStep.key == "contract"))
    step.state, step.actual_end = state, day
    db.flush()


def test_switches_completed_count_contract_steps_done_this_year(db, personas, team_data):
    today = local_today()
    route = team_data.route(team_data.organisation("almere").id)
    for day in (date(today.year, 1, 1), today):
        _p, journey = team_data.candidate(route, at="aftercare")
        _contract_done_on(db, journey, day)
    _p, journey = team_data.candidate(route, at=None, status=JourneyStatus.completed)
    _contract_done_on(db, journey, date(today.year, 1, 2))
    _p, journey = team_data.candidate(route, at="aftercare")
    _contract_done_on(db, journey, date(today.year - 1, 12, 31))  # last year
    _p, journey = team_data.candidate(route, at="aftercare")
    _contract_done_on(db, journey, today, state=StepState.skipped)  # not a switch
    _p, journey = team_data.candidate(route, at="aftercare",
                                      organisation_id=team_data.organisation("amsterdam").id)
    _contract_done_on(db, journey, today)  # Amsterdam's

    assert overview_for(db, personas.admin).this_year.switches_completed == 3
    assert overview_for(db, personas.other_admin).this_year.switches_completed == 1


def test_returns_count_journeys_returned_this_year(db, personas, team_data):
    today = local_today()
    # The demo's own returns (Mo in Amsterdam went back on secondment) are the baseline.
    almere_before = overview_for(db, personas.admin).this_year.returns_to_day_activities
    amsterdam_before = overview_for(db, personas.other_admin).this_year.returns_to_day_activities
    route = team_data.route(team_data.organisation("almere").id)
    team_data.candidate(route, at="try-out", status=JourneyStatus.returned,
                        ended_on=date(today.year, 1, 1))
    team_data.candidate(route, at="try-out", status=JourneyStatus.returned, ended_on=today)
    # Returned before journeys had an end date: counted when created (or changed) this year.
    team_data.candidate(route, at="try-out", status=JourneyStatus.returned)
    team_data.candidate(route, at="try-out", status=JourneyStatus.returned,
                        ended_on=date(today.year - 1, 12, 31))
    team_data.candidate(route, at="try-out", status=JourneyStatus.stopped, ended_on=today)
    team_data.candidate(route, at="try-out", status=JourneyStatus.returned, ended_on=today,
                        organisation_id=team_data.organisation("amsterdam").id)

    assert overview_for(db, personas.admin).this_year.returns_to_day_activities == \
        almere_before + 3
    assert overview_for(db, personas.other_admin).this_year.returns_to_day_activities == \
        amsterdam_before + 1


def test_almere_numbers_never_include_amsterdam(db, personas, team_data):
    amsterdam = team_data.organisation("amsterdam")
    before = overview_for(db, personas.admin)
    route = team_data.route(amsterdam.id, key="amsterdam-test")
    for _ in range(3):
        team_data.candidate(route, at="try-out", days_in_step=60,
                            primary_id=personas.other_consultant)
    team_data.candidate(route, at=None, status=JourneyStatus.completed)
    after = overview_for(db, personas.admin)
    assert after.model_dump() == before.model_dump()
    amsterdam_view = overview_for(db, personas.other_admin)
    assert route_named(amsterdam_view, "amsterdam-test").candidates_now == 3
    assert amsterdam_view.stalled_in_organisation == 3
    almere_ids = set(db.scalars(select(Person.id).where(
        Person.organisation_id == team_data.organisation("almere").id)))
    assert not {item.candidate_id for item in amsterdam_view.stalled} & almere_ids


# --- a fixed number of queries ---------------------------------------------------------------

def _seed_many(team_data, route, n, personas):
    """n candidates spread over every step, stalled or not, with contacts, a return, a switch."""
    for i in range(n):
        at = ("intake", "try-out", "contract", "aftercare", None)[i % 5]
        team_data.candidate(
            route, at=at, days_in_step=(5, 50, 50)[i % 3], done_days={"intake": 3 + i % 7},
            primary_id=(personas.consultant, personas.colleague)[i % 2],
            backup_id=personas.backup_consultant if i % 3 == 0 else None,
            status=JourneyStatus.completed if at is None else JourneyStatus.active,
        )
    team_data.candidate(route, at="try-out", status=JourneyStatus.returned,
                        ended_on=team_data.today)


class QueryCounter:
    def __init__(self, connection):
        self.connection = connection
        self.count = 0

    def __call__(self, *_args, **_kwargs):
        self.count += 1

    def __enter__(self):
        self.count = 0
        event.listen(self.connection, "before_cursor_execute", self)
        return self

    def __exit__(self, *_exc):
        event.remove(self.connection, "before_cursor_execute", self)


@pytest.mark.parametrize("who", ["admin", "consultant"])
def test_query_count_does_not_grow_with_the_number_of_candidates(who, db, connection, personas,
                                                                 team_data):
    route = team_data.route(team_data.organisation("almere").id)
    actor = actor_for(db, getattr(personas, who))
    counts = []
    for extra in (5, 50):
        _seed_many(team_data, route, extra, personas)
        db.expire_all()
        with QueryCounter(connection) as counter:
            overview = team_overview(db, actor, today=team_data.today)
        assert overview.stalled, "both runs must list names (and log their reads)"
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert counts[0] <= 12, counts

