"""Start a new FAQ answer from its question: a correctly named file, the current time stamp, a checked owner."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import ValidationError

from .errors import Message, UsageError
from .labels import labels_for
from .loader import messages_language
from .model import DOMAINS, FaqAudience, FaqEntry, Organisation
from .schema import schema_line
from .source import read_yaml

MAX_SLUG_LENGTH = 60
# Letters that Unicode does not split into a plain letter and an accent.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe",
                              "ł": "l",
                              # "can't" becomes "cant", not "can-t".
                              "'": "", "’": ""})
FAQ_DOMAIN = next(domain for domain in DOMAINS if domain.name == "faq")


def slug(question: str) -> str:
    """'Why can't I reach the hotline?' → 'why-cant-i-reach-the-hotline' (whole words, at most 60 characters)."""
    plain = unicodedata.normalize("NFKD", question.lower().translate(_SPELLED_OUT))
    words = re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > MAX_SLUG_LENGTH:
            break
        result = candidate
    return result or "-".join(words)[:MAX_SLUG_LENGTH].strip("-")


def create_faq(data_dir: Path, question: str, owner: str, *, audience: str = FaqAudience.customers.value,
               topic: str | None = None, scenario: str | None = None, now: dt.datetime | None = None,
               schemas_dir: Path = Path("schemas")) -> Path:
    """Write `faq/<slug>.yml` for `question`, in progress and stamped now; refuse to overwrite an existing file.

    The comment, the placeholder answer and the default topic are in the handbook's primary language.
    """
    # The file is written in the handbook's language, which is also the language of the refusals.
    labels = labels_for(messages_language(data_dir))
    default_topic = labels("messages.new_faq.topic")
    question = " ".join(question.split())
    topic = " ".join((default_topic if topic is None else topic).split())
    if not question:
        raise UsageError(Message.of("new_faq.empty_question"))
    if not topic:
        raise UsageError(Message.of("new_faq.empty_topic", topic=default_topic))
    record_id = slug(question)
    if not record_id:
        raise UsageError(Message.of("new_faq.no_letters", question=question))
    if audience not in {a.value for a in FaqAudience}:
        raise UsageError(Message.of("new_faq.unknown_audience", audience=audience))
    folder = data_dir / FAQ_DOMAIN.path
    if not folder.is_dir():
        raise UsageError(Message.of("new_faq.no_folder", folder=folder))
    _check_owner(data_dir, owner)
    if scenario is not None and not (data_dir / "scenarios" / f"{scenario}.yml").is_file():
        known = sorted(p.stem for p in (data_dir / "scenarios").glob("*.yml"))
        raise UsageError(Message.of("new_faq.no_scenario", scenario=scenario, close=_close(scenario, known)))
    target = folder / f"{record_id}.yml"
    if target.exists():
        raise UsageError(Message.of("new_faq.exists", path=target))
    stamp = (now or dt.datetime.now(_timezone(data_dir))).strftime("%Y-%m-%d %H:%M")
    comment = labels("messages.new_faq.comment", audience=labels(f"messages.new_faq.audience.{audience}"))
    text = "\n".join(line for line in [
        schema_line(target, FAQ_DOMAIN, schemas_dir),
        f"# {comment}",
        f"id: {_quoted(record_id)}",
        f"question: {_quoted(question)}",
        "answer: |",
        f"  {labels('messages.new_faq.answer')}",
        f"audience: {audience}",
        f"topic: {_quoted(topic)}",
        f"scenario: {scenario}" if scenario else "",
        f'last_updated: "{stamp}"',
        f"owner: {owner}",
        "status: in-progress",
    ] if line) + "\n"
    _check_record(text)
    target.write_text(text, encoding="utf-8")
    return target


def _check_owner(data_dir: Path, owner: str) -> None:
    """The owner of an answer is a role that exists in roles.yml."""
    roles_file = data_dir / "roles.yml"
    if not roles_file.is_file():
        raise UsageError(Message.of("new_faq.no_roles_file", path=roles_file))
    source = read_yaml(roles_file, roles_file.as_posix())
    roles = [item.get("id") for item in source.data or [] if isinstance(item, dict)] \
        if isinstance(source.data, list) else []
    if owner not in roles:
        raise UsageError(Message.of("new_faq.no_role", owner=owner, path=roles_file.as_posix(),
                                    close=_close(owner, [r for r in roles if isinstance(r, str)])))


def _close(value: str, choices: list[str]) -> Message:
    match = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return Message.of("did_you_mean", value=match[0]) if match else Message.of("new_faq.one_of", choices=choices)


def _timezone(data_dir: Path) -> dt.tzinfo:
    """The organisation's time zone from organisation.yml, or the model's default when it is not given."""
    default = Organisation.model_fields["timezone"].default
    path = data_dir / "organisation.yml"
    data = read_yaml(path, path.as_posix()).data if path.is_file() else {}
    name = data.get("timezone", default) if isinstance(data, dict) else default
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(Message.of("new_faq.timezone", path=path, zone=name)) from None


def _quoted(value: str) -> str:
    """The value as it reads back unchanged: plain when YAML keeps it as text, else in double quotes."""
    try:
        if yaml.safe_load(f"value: {value}") == {"value": value}:
            return value
    except yaml.YAMLError:
        pass
    # A JSON string is a valid YAML double-quoted string: colons, '#' and quotes stay text.
    return json.dumps(value, ensure_ascii=False)


def _check_record(text: str) -> None:
    """The text about to be written must load as an FAQ entry (guards against odd characters in the question)."""
    try:
        FaqEntry.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as error:
        raise UsageError(Message.of("new_faq.invalid", error=str(error))) from None
