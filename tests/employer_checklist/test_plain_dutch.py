"""The shipped employer checklists are plain Dutch (B1, quality.md): per item an average
sentence of at most 12 words and a Flesch-Douma score of at least 65, and a short title; each
shipped organisation has one, with the topics an employer asks about."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.employer_checklist.models import ChecklistTopic
from app.employer_checklist.service import DATA_DIR
from app.route_templates.service import shipped_route_files
from tests.test_plain_language import as_prose, readability

COMMON = yaml.safe_load((DATA_DIR / "common.yaml").read_text(encoding="utf-8"))["items"]


def _files() -> list[Path]:
    return sorted(p for p in DATA_DIR.glob("*.yaml") if p.stem != "common")


def _items(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [COMMON[entry["use"]] if "use" in entry else entry for entry in data["items"]]


def test_every_shipped_organisation_has_a_checklist_with_the_employers_topics():
    assert [p.stem for p in _files()] == [p.stem for p in shipped_route_files()]
    wanted = {ChecklistTopic.support_allowance, ChecklistTopic.no_risk_policy,
              ChecklistTopic.wage_subsidy, ChecklistTopic.wage_value, ChecklistTopic.training,
              ChecklistTopic.contact}
    for path in _files():
        assert wanted <= {ChecklistTopic(item["topic"]) for item in _items(path)}, path.stem


@pytest.mark.parametrize("path", [DATA_DIR / "common.yaml", *_files()], ids=lambda p: p.stem)
def test_checklist_items_are_plain_dutch_with_short_titles(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    items = data.values() if isinstance(data, dict) else [i for i in data if "use" not in i]
    for item in items:
        dutch = item["texts"]["nl"]
        assert len(dutch["title"].split()) <= 6, dutch["title"]
        assert item["texts"]["en"]["title"] and item["texts"]["en"]["text"], dutch["title"]
        per_sentence, score = readability(as_prose([dutch["text"], dutch["who_to_ask"]]))
        assert per_sentence <= 12, (dutch["title"], per_sentence)
        assert score >= 65, (dutch["title"], score)


def test_the_checklist_and_the_default_employer_task_agree_who_plans_the_wage_value():
    """Almere: the consultants measure in week 6 and make the appointment; the employer makes
    room. The leaflet and the milestone's default task must not contradict each other."""
    from app.employers.models import MilestoneKind
    from app.employers.rules import rules_for
    from app.employers.service import _in_dutch

    tasks = {rule.kind: _in_dutch(rule.employer_task) for rule in rules_for("almere")}
    for kind in (MilestoneKind.wage_value_trial, MilestoneKind.wage_value_final):
        assert tasks[kind].startswith("De consulent maakt de afspraak"), tasks[kind]
    almere = _items(DATA_DIR / "almere.yaml")
    [week6] = [i for i in almere if i["texts"]["nl"]["title"] == "Loonwaarde in week 6"]
    assert "maakt de afspraak" in week6["texts"]["nl"]["who_to_ask"]
    assert "Plan" not in week6["texts"]["nl"]["who_to_ask"]
