"""Data rules over the real sample handbook: it must stay a complete, realistic example."""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pydantic
import pytest
from conftest import SAMPLE, TODAY

from macros.loader import load_handbook
from macros.model import DOMAINS, ContactKind, PhoneKind

REQUIRED_ROLES = {"emergency-officer", "escalation-manager", "crisis-group-lead", "communication-lead",
                  "workforce-planner", "it-lead", "vendor-manager"}


@pytest.fixture(scope="module")
def sample():
    return load_handbook(SAMPLE, today=TODAY)


def test_sample_has_the_required_roles_each_with_a_deputy(sample):
    """The seven roles the handbook promises exist, each with a primary holder and a deputy."""
    roles = {role.id: role for role in sample.roles}
    assert REQUIRED_ROLES <= set(roles)
    assert all(len(role.deputies) >= 1 for role in sample.roles)


def test_sample_has_two_providers_in_two_countries(sample):
    """Several service providers in different countries, each at its own sites."""
    providers = sample.organisation.providers
    assert len(providers) >= 2 and len({p.country for p in providers}) >= 2


def test_sample_has_the_required_checklists(sample):
    """Work-from-home technology, first hour and the escalation report form are in the sample."""
    checklists = {c.id: c for c in sample.checklists}
    wfh = checklists["work-from-home"]
    titles = " ".join(section.title.translations["en"] for section in wfh.sections).lower()
    assert all(word in titles for word in ("connection", "vpn", "hardware", "access"))
    assert wfh.testing is not None
    assert checklists[sample.organisation.first_hour_checklist].kind.value == "checklist"
    assert checklists[sample.escalation.report_form].kind.value == "form"


def test_sample_covers_every_kind_of_contact_and_phone(sample):
    """Own staff, providers, client, authority, IT supplier and overflow partner, with all phone kinds."""
    assert {c.kind for c in sample.contacts} == set(ContactKind)
    assert {p.kind for c in sample.contacts for p in c.phones} == set(PhoneKind)


def test_sample_escalation_has_the_four_levels(sample):
    """Immediate resolution, middle and executive management, external arbitration; client told within 2 h."""
    names = [level.name.translations["en"].lower() for level in sample.escalation.levels]
    assert len(names) >= 4
    assert "immediate" in names[0] and "middle" in names[1] and "executive" in names[2] and "arbitration" in names[3]
    first_limits = sample.escalation.levels[0].time_limits
    assert any(limit.within_hours == 2 for limit in first_limits)
    assert any(limit.every_hours for limit in first_limits)


def test_sample_scenarios_span_both_risk_classes(sample):
    """Some scenarios are acceptable and some unacceptable, and one has 20 % and 50 % absence levels."""
    classes = {sample.is_unacceptable(s) for s in sample.scenarios}
    assert classes == {True, False}
    absence = sample.scenario("staff-absence")
    assert any("20" in level.name for level in absence.levels) and any("50" in level.name for level in absence.levels)


def _fields_used(model: type[pydantic.BaseModel], records: list, used: set[str], prefix: str) -> None:
    for name, info in model.model_fields.items():
        values = [getattr(record, name) for record in records]
        if any(value not in (None, [], "") for value in values) and name in {
                n for r in records for n in r.model_fields_set}:
            used.add(f"{prefix}{name}")
        nested = _nested_model(info.annotation)
        if nested is not None:
            children = [item for value in values for item in (value if isinstance(value, list) else [value])
                        if isinstance(item, pydantic.BaseModel)]
            _fields_used(nested, children, used, f"{prefix}{name}.")


def _nested_model(annotation: typing.Any) -> type[pydantic.BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def _all_fields(model: type[pydantic.BaseModel], prefix: str = "") -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(f"{prefix}{name}")
        nested = _nested_model(info.annotation)
        if nested is not None:
            names |= _all_fields(nested, f"{prefix}{name}.")
    return names


# Fields every top-level record inherits (confidential markings, translation stamps): the sample shows
# each of them somewhere, not in every domain (a realistic handbook marks only a few records confidential).
BASE_RECORD_FIELDS = {"confidential", "translated"}
# Fields the sample cannot show by nature: a closed incident's timeline is written by `make close-incident`
# (tests/test_incident.py), and none of the sample's systems is run by one of its two contact-centre providers.
NOT_IN_THE_SAMPLE = {"exercises": {"timeline", "timeline.at", "timeline.text"}, "systems": {"provider"}}
# The incident is not running in the sample: its worked example is the fixture the tests add to a copy.
INCIDENT = Path(__file__).parent / "fixtures" / "incident" / "situation.yml"


@pytest.fixture(scope="module")
def sample_in_an_incident(tmp_path_factory):
    target = tmp_path_factory.mktemp("incident") / "handbook_data"
    shutil.copytree(SAMPLE, target)
    shutil.copy(INCIDENT, target / "situation.yml")
    return load_handbook(target, today=TODAY)


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_sample_uses_every_field(domain, sample, sample_in_an_incident):
    """Every field of every model is written in the sample at least once, so it shows how to fill it."""
    value = getattr(sample_in_an_incident if domain.name == "situation" else sample, domain.name)
    records = value if isinstance(value, list) else [value]
    used: set[str] = set()
    _fields_used(domain.model, records, used, "")
    assert _all_fields(domain.model) - BASE_RECORD_FIELDS - NOT_IN_THE_SAMPLE.get(domain.name, set()) - used == set()


def test_sample_uses_the_base_record_fields(sample):
    """Confidential markings (whole record and field list) and translation stamps each appear in the sample."""
    used: set[str] = set()
    marked_whole, marked_fields = False, False
    for domain in DOMAINS:
        value = getattr(sample, domain.name)
        records = [record for record in (value if isinstance(value, list) else [value]) if record is not None]
        _fields_used(domain.model, records, used, "")
        marked_whole |= any(record.confidential is True for record in records)
        marked_fields |= any(isinstance(record.confidential, list) and record.confidential for record in records)
    assert BASE_RECORD_FIELDS <= used
    assert marked_whole and marked_fields
