"""What agents and team leads type into the handbook's search in an outage, and what must come up.

Written from the users' side, not from the pages: panic words, typos, names and places without umlauts,
role names, "who do I call". Each query names the pages (and, where it matters, the section) any one of which
must be among the first three results; German queries are searched in the German handbook, English ones in
the English one. test_search_queries.py runs them against the staff edition's USB copy from file://.
"""

from __future__ import annotations

from typing import NamedTuple


class Target(NamedTuple):
    page: str
    section: str = ""


class Query(NamedTuple):
    language: str
    text: str
    targets: tuple[Target, ...]
    # Who types it and why, in a few words.
    why: str


WHO_TO_CALL = Target("who-to-call.html")


def _role(role_id: str) -> tuple[Target, ...]:
    """A role answers a search on either page that lists its people and numbers."""
    return (Target("who-to-call.html", f"role-{role_id}"), Target("contacts.html", f"role-{role_id}"))


def _contact(role_id: str) -> tuple[Target, ...]:
    """A person is found in the directory, or with the role they hold."""
    return (Target("contacts.html"), *_role(role_id))


TELEPHONY = Target("scenarios/telephony-outage.html")
CYBER = Target("scenarios/cyber-attack.html")
ABSENCE = Target("scenarios/staff-absence.html")
POWER = Target("scenarios/power-outage.html")
PROVIDER = Target("scenarios/provider-failure.html")
SITE = Target("scenarios/site-unavailable.html")
EVACUATION = Target("checklists/site-evacuation.html")
HOME_OFFICE = Target("checklists/work-from-home.html")
FIRST_DAY_AT_HOME = Target("faq.html", "faq-first-day-at-home")
ESCALATION = Target("escalation.html")
ESCALATION_REPORT = Target("checklists/escalation-report.html")
CRISIS_GROUP = Target("crisis-group.html")
FIRST_HOUR = (Target("index.html", "first-hour"), Target("checklists/first-hour.html"))


QUERIES: tuple[Query, ...] = (
    # --- English, in the English handbook ---
    Query("en", "who do I call", (WHO_TO_CALL,), "a new agent, nobody around"),
    Query("en", "phones down", (TELEPHONY,), "team lead, first minute of an outage"),
    Query("en", "no calls coming in", (TELEPHONY,), "agent noticing the silence"),
    Query("en", "hotline dead", (TELEPHONY,), "team lead"),
    Query("en", "hacked", (CYBER,), "agent after a strange pop-up"),
    Query("en", "ransomware", (CYBER,), "IT-minded team lead"),
    Query("en", "phishing mail", (CYBER,), "agent with a suspicious e-mail"),
    Query("en", "sick", (ABSENCE, Target("faq.html", "faq-overtime-during-absence")), "workforce planner, Monday 7:00"),
    Query("en", "flu", (ABSENCE,), "team lead during a flu wave"),
    Query("en", "power cut", (POWER,), "team lead in the dark"),
    Query("en", "fire alarm", (EVACUATION, SITE), "anyone, alarm ringing"),
    Query("en", "evacuate building", (EVACUATION,), "team lead"),
    Query("en", "escalaton", (ESCALATION, ESCALATION_REPORT), "typo, in a hurry"),
    Query("en", "headst", (HOME_OFFICE, FIRST_DAY_AT_HOME), "typo: headset for working from home"),
    Query("en", "vpm", (HOME_OFFICE, *_role("it-lead")), "typo: VPN (3 letters)"),
    Query("en", "Kruger", _contact("it-lead"), "looking for Sabine Krüger, no umlaut on the keyboard"),
    Query("en", "Ozdemir", _contact("communication-lead"), "looking for Miriam Özdemir"),
    Query("en", "Grossmann", _contact("team-lead-leipzig"), "looking for Dirk Großmann"),
    Query("en", "Malmo team lead", _role("team-lead-malmo"), "Leipzig calling the Malmö floor"),
    Query("en", "IT lead", _role("it-lead"), "role name"),
    Query("en", "emergency officer number", (*_role("emergency-officer"), Target("index.html")), "role name"),
    Query("en", "what do I tell customers", (Target("faq.html", "faq-what-to-tell-customers"),), "agent in the chat"),
    Query("en", "work from home", (HOME_OFFICE, FIRST_DAY_AT_HOME), "agent, site closed"),
    Query("en", "esim no signal", (Target("faq.html", "faq-esim-new-phone"),), "agent with a customer on chat"),
    Query("en", "sim blocked", (Target("faq.html", "faq-sim-blocked"),), "agent with a customer"),
    Query("en", "overtime", (Target("faq.html", "faq-overtime-during-absence"),), "agent asked to stay longer"),
    Query("en", "escalation report", (ESCALATION_REPORT,), "escalation manager"),
    Query("en", "Lindqvist", _contact("provider-escalation-sundvik"), "a name from an e-mail"),
    Query("en", "provider down", (PROVIDER,), "vendor manager"),
    Query("en", "crisis team", (CRISIS_GROUP, *_role("crisis-group-lead")), "team lead, things getting worse"),
    Query("en", "holding statement", (Target("communication.html"),), "communication lead"),
    Query("en", "first hour", FIRST_HOUR, "whoever finds the problem"),
    Query("en", "press", _role("communication-lead"), "a journalist is on the line"),
    # --- German, in the German handbook ---
    Query("de", "wen anrufen", (WHO_TO_CALL,), "neue Kollegin, niemand da"),
    Query("de", "Telefon geht nicht", (TELEPHONY,), "Agent, Hörer still"),
    Query("de", "keine Anrufe", (TELEPHONY,), "Teamleitung, Wallboard leer"),
    Query("de", "Telefonanlage ausgefallen", (TELEPHONY,), "Teamleitung"),
    Query("de", "gehackt", (CYBER,), "Agent nach seltsamem Fenster"),
    Query("de", "Trojaner", (CYBER,), "Agent"),
    Query("de", "Erpressung", (CYBER,), "Teamleitung nach Erpresser-Mail"),
    Query("de", "krank", (ABSENCE, Target("faq.html", "faq-overtime-during-absence")), "Personaleinsatzplanung"),
    Query("de", "Grippewelle", (ABSENCE,), "Teamleitung"),
    Query("de", "Strom weg", (POWER,), "Teamleitung im Dunkeln"),
    Query("de", "Feueralarm", (EVACUATION, SITE), "alle, der Alarm läuft"),
    Query("de", "Raeumung", (EVACUATION,), "ohne Umlaut getippt"),
    Query("de", "Notfallbeauftragter", (*_role("emergency-officer"), Target("index.html")), "Rollenname"),
    Query("de", "Krueger", _contact("it-lead"), "Name ohne Umlaut"),
    Query("de", "Oezdemir", _contact("communication-lead"), "Name ohne Umlaut"),
    Query("de", "Grosmann", _contact("team-lead-leipzig"), "Name ohne ß, ein s zu wenig"),
    Query("de", "Teamleitung Malmo", _role("team-lead-malmo"), "Ort ohne Umlaut"),
    Query("de", "Eskalaton", (ESCALATION, ESCALATION_REPORT), "Tippfehler"),
    Query("de", "Homeoffice", (HOME_OFFICE, FIRST_DAY_AT_HOME), "Agent, Standort geschlossen"),
    Query("de", "VPN", (HOME_OFFICE, *_role("it-lead")), "Agent im Homeoffice"),
    Query("de", "Headset", (HOME_OFFICE, FIRST_DAY_AT_HOME), "Agent im Homeoffice"),
    Query("de", "Ueberstunden", (Target("faq.html", "faq-overtime-during-absence"),), "ohne Umlaut getippt"),
    Query("de", "was sage ich Kunden", (Target("faq.html", "faq-what-to-tell-customers"),), "Agent im Chat"),
    Query("de", "Krisenstab", (CRISIS_GROUP, *_role("crisis-group-lead")), "Teamleitung"),
    Query("de", "Eskalationsbericht", (ESCALATION_REPORT,), "Eskalationsmanager"),
    Query("de", "Dienstleister faellt aus", (PROVIDER,), "Vendor Manager, ohne Umlaut"),
    Query("de", "IT Verantwortliche", _role("it-lead"), "Rollenname"),
    Query("de", "Hotline nicht erreichbar", (Target("faq.html", "faq-hotline-unreachable"), TELEPHONY), "Agent"),
    Query("de", "erste Stunde", FIRST_HOUR, "wer das Problem zuerst bemerkt"),
    Query("de", "Presse", _role("communication-lead"), "ein Journalist ist am Telefon"),
)
