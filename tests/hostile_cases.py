"""The catalogue of hostile and careless inputs (tests/test_hostile_input.py): each a change to the minimal
fixture handbook as an attacker or a hurried editor would make it, and what `check` must say about it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FAQ = "faq/phone-down.yml"
ANSWER = "  Our phone line has a fault. Please use the **chat**.\n"
# Nine aliases of nine aliases, eight levels deep: 9^8 = 43 million texts from 400 bytes ("billion laughs").
ALIAS_BOMB = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" if n else 'l0: &l0 ["lol"]\n'
                     for n in range(9))


@dataclass(frozen=True)
class Change:
    """One change to a copy of the fixture data folder."""

    action: str
    file: str
    old: str | bytes = ""
    new: str | bytes = ""

    def apply(self, data: Path, outside: Path) -> None:
        target = data / self.file
        if self.action == "edit":
            text = target.read_text(encoding="utf-8")
            assert isinstance(self.old, str) and self.old in text, f"{self.old!r} not in {target}"
            target.write_text(text.replace(self.old, str(self.new), 1), encoding="utf-8")
        elif self.action == "append":
            target.write_text(target.read_text(encoding="utf-8") + str(self.new), encoding="utf-8")
        elif self.action == "write":
            target.write_text(str(self.new), encoding="utf-8")
        elif self.action == "bytes":
            content = target.read_bytes()
            assert isinstance(self.old, bytes) and self.old in content
            target.write_bytes(content.replace(self.old, bytes(self.new), 1))
        elif self.action == "raw":
            target.write_bytes(bytes(self.new))
        elif self.action == "file-to-folder":
            target.unlink()
            target.mkdir()
        elif self.action == "mkdir":
            target.mkdir()
        elif self.action == "fifo":
            os.mkfifo(target)
        elif self.action == "link-outside":
            outside.mkdir(exist_ok=True)
            (outside / target.name).write_bytes((data / str(self.old)).read_bytes())
            target.symlink_to(outside / target.name)
        elif self.action == "replace-folder-by-link":
            outside.mkdir(exist_ok=True)
            target.rename(outside / target.name)
            target.symlink_to(outside / target.name)
        else:
            raise ValueError(self.action)


def answer(markdown: str) -> Change:
    """The FAQ answer replaced by `markdown` (each line indented under `answer: |`)."""
    return Change("edit", FAQ, ANSWER, "".join(f"  {line}\n" for line in markdown.split("\n")))


def edit(file: str, old: str, new: str) -> Change:
    return Change("edit", file, old, new)


def _deep(levels: int) -> str:
    return "deep: " + "{a: " * levels + "x" + "}" * levels + "\n"


# name: the changes, as a tuple (one Change alone is fine).
CHANGES: dict[str, tuple[Change, ...] | Change] = {
    # --- YAML that builds more than it shows ------------------------------------------------------------------
    "alias bomb (billion laughs)": Change("append", FAQ, new=ALIAS_BOMB),
    "one alias": edit(FAQ, "topic: Availability", "topic: &t Availability\nowner_note: *t"),
    "merge key": Change("append", FAQ, new="base: &base {a: 1}\nmore:\n  <<: *base\n"),
    "!!binary hides the payload from the reviewer": edit(
        FAQ, "topic: Availability", "topic: !!binary IVt4XSh4KXs6IG9uZXJyb3I9ImFsZXJ0KDEpIn0="),
    "!!python/object": edit(FAQ, "topic: Availability", "topic: !!python/object/apply:os.system [id]"),
    "!!python/name": edit(FAQ, "topic: Availability", "topic: !!python/name:os.system"),
    "!!set": edit(FAQ, "topic: Availability", "topic: !!set {a, b}"),
    "!!omap": edit(FAQ, "topic: Availability", "topic: !!omap [a: 1]"),
    "!!timestamp": edit(FAQ, "topic: Availability", "topic: !!timestamp 2026-01-01"),
    "a local tag": edit(FAQ, "topic: Availability", "topic: !include secrets.yml"),
    "20,000 nested brackets": Change("append", FAQ, new="deep: " + "[" * 20_000 + "]" * 20_000 + "\n"),
    "31 nested blocks": Change("append", FAQ, new=_deep(31)),
    "a text of 50,001 characters": edit(FAQ, "topic: Availability", "topic: " + "a" * 50_001),
    "a file of 9 MB": Change("append", FAQ, new="# " + "x" * (9 * 1024 * 1024) + "\n"),
    # --- bytes and files --------------------------------------------------------------------------------------
    "a Latin-1 byte": Change("bytes", FAQ, b"topic: Availability", b"topic: Availabilit\xe9"),
    "a Windows-1252 quote in contacts": Change("bytes", "contacts.yml", b"job_title: Head of service",
                                                b"job_title: Head of \x93service\x94"),
    "a UTF-16 file": Change("raw", "exercises.yml", new="- id: x\n".encode("utf-16")),
    "a NUL byte": Change("bytes", FAQ, b"topic: Availability", b"topic: Avail\x00ability"),
    "a folder named like a data file": Change("mkdir", "faq/old-answers.yml"),
    "a folder where organisation.yml belongs": Change("file-to-folder", "organisation.yml"),
    "a named pipe in faq/": Change("fifo", "faq/pipe.yml"),
    "a link to a file outside the data folder": Change("link-outside", "faq/leak.yml", FAQ),
    "the faq folder a link to outside": Change("replace-folder-by-link", "faq"),
    "a mistyped file name": Change("write", "contact.yml", new="- id: x\n"),
    "a stray text file": Change("write", "notes.txt", new="to do\n"),
    "a mistyped folder": Change("mkdir", "faqs"),
    "a Markdown file among the answers": Change("write", "faq/readme.md", new="# Answers\n"),
    "a backup file among the answers": Change("write", "faq/phone-down.yml.bak", new="id: phone-down\n"),
    # --- dates ------------------------------------------------------------------------------------------------
    "30 February": edit("checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2026-02-30"),
    "month 13": edit("alerting.yml", "last_tested: 2026-06-01", "last_tested: 2026-13-01"),
    "31 April with a time": edit(FAQ, 'last_updated: "2026-11-20 08:30"', "last_updated: 2026-04-31 08:30"),
    "30 February quoted with a time": edit(FAQ, 'last_updated: "2026-11-20 08:30"',
                                            'last_updated: "2026-02-30 08:30"'),
    # --- invisible characters and lengths ---------------------------------------------------------------------
    "right-to-left override in a name": edit("contacts.yml", "name: Anna Adler", "name: Anna \u202eRELDA"),
    "zero-width space in a phone number": edit("contacts.yml", '"+49 170 1234567"', '"+49 170 123\u200b4567"'),
    "right-to-left override in a phone number": edit("contacts.yml", '"+49 170 1234567"',
                                                      '"+49 170 \u202e7654321"'),
    "zero-width joiner in an organisation's name": edit("contacts.yml", "organisation: CallHelp GmbH",
                                                        "organisation: Call\u200dHelp GmbH"),
    "a byte-order mark inside a scenario title": edit("scenarios/outage.yml", "title: Telephony outage",
                                                      "title: Telephony\ufeff outage"),
    "a bidi isolate in the organisation's name": edit("organisation.yml", "name: Example Service Ltd",
                                                      "name: Example \u2066Service\u2069 Ltd"),
    "invisible character in the emergency number": edit("organisation.yml", 'emergency_number: "+49 30 90182000"',
                                                        'emergency_number: "+49 30 9018\u200c2000"'),
    "a name of 301 characters": edit("contacts.yml", "name: Anna Adler", "name: " + "Anna " * 60 + "A"),
    "a title of 301 characters": edit("scenarios/outage.yml", "title: Telephony outage", "title: " + "t" * 301),
    "right-to-left override in a role title": edit("roles.yml", "title: Emergency officer",
                                                    "title: Emergency \u202eofficer"),
    "zero-width space in a checklist section's title": edit("checklists/first-hour.yml", "  - title: Now",
                                                             "  - title: N\u200bow"),
    "a checklist section title of 301 characters": edit("checklists/first-hour.yml", "  - title: Now",
                                                         "  - title: " + "n" * 301),
    "markup in a role title": edit("roles.yml", "title: Communication lead", "title: Communication <b>lead</b>"),
    # --- logic ------------------------------------------------------------------------------------------------
    "a holder as their own deputy": edit("roles.yml", "holders: [anna-adler, bert-braun]",
                                         "holders: [anna-adler, anna-adler]"),
    "a stand-in who is the sender": edit("alerting.yml", "stand_in: communication-lead", "stand_in: anna-adler"),
    "an alerting chain in a circle": edit("alerting.yml", "      message: Say what fails since when.\n",
                                          "      message: Say what fails since when.\n"
                                          "    - sender: emergency-officer\n      recipient: anna-adler\n"
                                          "      channel: phone\n      within_minutes: 5\n"
                                          "      stand_in: communication-lead\n"),
    "an e-mail address with a bcc header": edit("contacts.yml", "email: anna.adler@example.com",
                                                "email: anna.adler@example.com?bcc=spy%40evil.example&subject=fwd"),
    "two e-mail addresses": edit("contacts.yml", "email: anna.adler@example.com",
                                 "email: anna.adler@example.com,spy@evil.example"),
    # --- FAQ answers: removed or shown as text (warnings) -----------------------------------------------------
    "javascript: link": answer("[click](javascript:alert(1))"),
    "JavaScript: in capitals": answer("[click](JaVaScRiPt:alert(1))"),
    "data: link": answer("[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    "vbscript: link": answer("[open](vbscript:msgbox(1))"),
    "file: link": answer("[passwords](file:///etc/passwd)"),
    "protocol-relative link": answer("[mirror](//evil.example/)"),
    "mailto: with a bcc header": answer("[write](mailto:help@example.com?bcc=spy@evil.example)"),
    "remote image": answer("![status](https://evil.example/pixel.png)"),
    "data: image": answer("![x](data:image/svg+xml;base64,PHN2Zy8+)"),
    "attr_list onerror on an image": answer('![x](x.png){: onerror="alert(1)"}'),
    "attr_list covering the page": answer('Read this{: style="position:fixed;inset:0" onmouseover="alert(1)"}'),
    "script tag": answer("<script>alert(1)</script>"),
    "img onerror": answer("Look <img src=x onerror=alert(1)> here"),
    "iframe": answer('<iframe src="https://evil.example/"></iframe>'),
    "style block": answer("<style>body{display:none}</style>"),
    "raw link to outside": answer('<a href="https://evil.example/">login</a>'),
    "HTML comment": answer("Visible<!-- hidden instructions -->"),
    "Jinja expression": answer("{{ config.extra }}"),
    "Jinja statement": answer("{% include 'secrets.yml' %}"),
    "a heading inside an answer": answer("# Big news\n\nThe line works again."),
    # --- FAQ answers: links that lead nowhere (errors) --------------------------------------------------------
    "link to a page that does not exist": answer("See [old procedures](old-procedures.md)."),
    "link to a role that does not exist": answer("Call the [lead](contacts.md#role-crisis-lead)."),
    "link to an answer that does not exist": answer("See [below](#faq-phone-dead)."),
    "link to a heading that a checklist page does not have": answer(
        "The line is down.\n\nStart with the [first steps](checklists/first-hour.md#safety-first)."),
    "link to a mistyped heading of the FAQ page": answer("See the other answers on [availability](#availabilty)."),
    "entity-encoded javascript: link": answer("[click](javascript&#58;alert(1))"),
}


# The exact lines `check` prints (English) for each case; "warning: " marks a warning, {outside} the folder
# outside the data folder that a link points to.
EXPECTED: dict[str, list[str]] = {
    'alias bomb (billion laughs)': [
        'handbook_data/faq/phone-down.yml:14: the alias *l0 repeats a block by reference, which the '
         'handbook does not accept (write the text out in full where it is needed: a few aliases of aliases '
         'can make a file of billions of texts)',
    ],
    'one alias': [
        'handbook_data/faq/phone-down.yml:8: the alias *t repeats a block by reference, which the handbook '
         'does not accept (write the text out in full where it is needed: a few aliases of aliases can make '
         'a file of billions of texts)',
    ],
    'merge key': [
        'handbook_data/faq/phone-down.yml:15: the alias *base repeats a block by reference, which the '
         'handbook does not accept (write the text out in full where it is needed: a few aliases of aliases '
         'can make a file of billions of texts)',
    ],
    '!!binary hides the payload from the reviewer': [
        'handbook_data/faq/phone-down.yml:7: the tag !!binary is not accepted (write the value as plain '
         'text without a tag starting with !)',
    ],
    '!!python/object': [
        'handbook_data/faq/phone-down.yml:7: the tag !!python/object/apply:os.system is not accepted (write '
         'the value as plain text without a tag starting with !)',
    ],
    '!!python/name': [
        'handbook_data/faq/phone-down.yml:7: the tag !!python/name:os.system is not accepted (write the '
         'value as plain text without a tag starting with !)',
    ],
    '!!set': [
        'handbook_data/faq/phone-down.yml:7: the tag !!set is not accepted (write the value as plain text '
         'without a tag starting with !)',
    ],
    '!!omap': [
        'handbook_data/faq/phone-down.yml:7: the tag !!omap is not accepted (write the value as plain text '
         'without a tag starting with !)',
    ],
    '!!timestamp': [
        'handbook_data/faq/phone-down.yml:7: the tag !!timestamp is not accepted (write the value as plain '
         'text without a tag starting with !)',
    ],
    'a local tag': [
        'handbook_data/faq/phone-down.yml:7: the tag !include is not accepted (write the value as plain '
         'text without a tag starting with !)',
    ],
    '20,000 nested brackets': [
        'handbook_data/faq/phone-down.yml:13: the blocks are nested more than 30 levels deep here (no '
         'handbook record is that deep: check the indentation and the brackets)',
    ],
    '31 nested blocks': [
        'handbook_data/faq/phone-down.yml:13: the blocks are nested more than 30 levels deep here (no '
         'handbook record is that deep: check the indentation and the brackets)',
    ],
    'a text of 50,001 characters': [
        'handbook_data/faq/phone-down.yml:7: this text is 50,001 characters long, more than the 50,000 '
         'allowed (shorten it, or split it into several records)',
    ],
    'a file of 9 MB': [
        'handbook_data/faq/phone-down.yml: the file is 9.0 MB, more than the 8 MB a data file may have '
         "(shorten the texts; a handbook's data files are a few kilobytes each)",
    ],
    'a Latin-1 byte': [
        'handbook_data/faq/phone-down.yml:7: the byte 0xE9 on this line is not UTF-8 text (save the file as '
         'UTF-8, as the web editor does, or retype the character with the accent or umlaut)',
    ],
    'a Windows-1252 quote in contacts': [
        'handbook_data/contacts.yml:6: the byte 0x93 on this line is not UTF-8 text (save the file as '
         'UTF-8, as the web editor does, or retype the character with the accent or umlaut)',
    ],
    'a UTF-16 file': [
        'handbook_data/exercises.yml:1: the byte 0xFF on this line is not UTF-8 text (save the file as '
         'UTF-8, as the web editor does, or retype the character with the accent or umlaut)',
    ],
    'a NUL byte': [
        'handbook_data/faq/phone-down.yml:7: the invisible control character U+0000 on this line is not '
         'allowed (delete it: retype the line, or copy the text from a plain-text source)',
    ],
    'a folder named like a data file': [
        'handbook_data/faq/old-answers.yml: this is a folder, where a data file is expected (remove the '
         'folder or rename it without .yml)',
    ],
    'a folder where organisation.yml belongs': [
        'handbook_data/organisation.yml: this is a folder, where a data file is expected (remove the folder '
         'or rename it without .yml)',
    ],
    'a named pipe in faq/': [
        'handbook_data/faq/pipe.yml: this is not a plain file (a pipe, a device or a socket) (replace it '
         'with an ordinary .yml file)',
    ],
    'a link to a file outside the data folder': [
        'handbook_data/faq/leak.yml: this file is a link to {outside}/leak.yml, outside the data folder '
         '(copy the file into the data folder instead of linking to it: only files inside it are published)',
    ],
    'the faq folder a link to outside': [
        'handbook_data/faq/phone-down.yml: this file is a link to {outside}/faq/phone-down.yml, outside the '
         'data folder (copy the file into the data folder instead of linking to it: only files inside it are '
         'published)',
    ],
    'a mistyped file name': [
        "handbook_data/contact.yml: this is none of the handbook's data files or folders, so it would be "
         "ignored (did you mean 'contacts.yml'?)",
    ],
    'a stray text file': [
        "handbook_data/notes.txt: this is none of the handbook's data files or folders, so it would be "
         'ignored (the data files are: alerting.yml, checklists, communication.yml, contacts.yml, '
         'crisis-group.yml, escalation.yml, exercises.yml, faq, organisation.yml, processes, roles.yml, '
         'scenarios, situation.yml, systems.yml, tasks.yml; rename it, or move it out of the data folder)',
    ],
    'a mistyped folder': [
        "handbook_data/faqs: this is none of the handbook's data files or folders, so it would be ignored "
         "(did you mean 'faq'?)",
    ],
    'a Markdown file among the answers': [
        'handbook_data/faq/readme.md: this is not a .yml file, so it would be ignored (each file in faq/ is '
         'one record ending in .yml; rename it, or move it out of the data folder)',
    ],
    'a backup file among the answers': [
        'handbook_data/faq/phone-down.yml.bak: this is not a .yml file, so it would be ignored (each file '
         'in faq/ is one record ending in .yml; rename it, or move it out of the data folder)',
    ],
    '30 February': [
        "handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': "
         "'2026-02-30' is not a day of the calendar (check the day and the month: months have 28 to 31 days, "
         'and there are 12 of them)',
    ],
    'month 13': [
        "handbook_data/alerting.yml:5: alerting chain 'outage', field 'last_tested': '2026-13-01' is not a "
         'day of the calendar (check the day and the month: months have 28 to 31 days, and there are 12 of '
         'them)',
    ],
    '31 April with a time': [
        "handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': '2026-04-31 08:30' is "
         'not a day of the calendar (check the day and the month: months have 28 to 31 days, and there are '
         '12 of them)',
    ],
    '30 February quoted with a time': [
        "handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': '2026-02-30 08:30' is "
         'not a day of the calendar (check the day and the month: months have 28 to 31 days, and there are '
         '12 of them)',
    ],
    'right-to-left override in a name': [
        "handbook_data/contacts.yml:3: contact 'anna-adler', field 'name': the text contains the invisible "
         'character U+202E (RIGHT-TO-LEFT OVERRIDE), which can make it read differently from what it is '
         '(delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    'zero-width space in a phone number': [
        "handbook_data/contacts.yml:8: contact 'anna-adler', field 'phones[1].number': the text contains "
         'the invisible character U+200B (ZERO WIDTH SPACE), which can make it read differently from what it '
         'is (delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    'right-to-left override in a phone number': [
        "handbook_data/contacts.yml:8: contact 'anna-adler', field 'phones[1].number': the text contains "
         'the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE), which can make it read differently from '
         'what it is (delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    "zero-width joiner in an organisation's name": [
        "handbook_data/contacts.yml:19: contact 'bert-braun', field 'organisation': the text contains the "
         'invisible character U+200D (ZERO WIDTH JOINER), which can make it read differently from what it is '
         '(delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    'a byte-order mark inside a scenario title': [
        "handbook_data/scenarios/outage.yml:3: scenario 'outage', field 'title': the text contains the "
         'invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE), which can make it read differently from '
         'what it is (delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    "a bidi isolate in the organisation's name": [
        "handbook_data/organisation.yml:3: organisation 'example-service', field 'name': the text contains "
         'the invisible character U+2066 (LEFT-TO-RIGHT ISOLATE), which can make it read differently from '
         'what it is (delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    'invisible character in the emergency number': [
        "handbook_data/organisation.yml:9: organisation 'example-service', field 'emergency_number': the "
         'text contains the invisible character U+200C (ZERO WIDTH NON-JOINER), which can make it read '
         'differently from what it is (delete it: retype the text around it, or copy it from a plain-text '
         'source)',
    ],
    'a name of 301 characters': [
        "handbook_data/contacts.yml:3: contact 'anna-adler', field 'name': this text is 301 characters "
         'long, at most 300 are allowed here (shorten it; longer explanations belong in a description or a '
         'note)',
    ],
    'a title of 301 characters': [
        "handbook_data/scenarios/outage.yml:3: scenario 'outage', field 'title': this text is 301 "
         'characters long, at most 300 are allowed here (shorten it; longer explanations belong in a '
         'description or a note)',
    ],
    'right-to-left override in a role title': [
        "handbook_data/roles.yml:3: role 'emergency-officer', field 'title': the text contains the invisible "
         'character U+202E (RIGHT-TO-LEFT OVERRIDE), which can make it read differently from what it is (delete '
         'it: retype the text around it, or copy it from a plain-text source)',
    ],
    "zero-width space in a checklist section's title": [
        "handbook_data/checklists/first-hour.yml:8: checklist 'first-hour', field 'sections[1].title': the text "
         'contains the invisible character U+200B (ZERO WIDTH SPACE), which can make it read differently from what '
         'it is (delete it: retype the text around it, or copy it from a plain-text source)',
    ],
    'a checklist section title of 301 characters': [
        "handbook_data/checklists/first-hour.yml:8: checklist 'first-hour', field 'sections[1].title': this text "
         'is 301 characters long, at most 300 are allowed here (shorten it; longer explanations belong in a '
         'description or a note)',
    ],
    'markup in a role title': [
        "handbook_data/roles.yml:11: role 'communication-lead', field 'title': expected a title without < > { }, "
         "found 'Communication <b>lead</b>' (these characters would be read as page code in the menu: leave them "
         'out)',
    ],
    'a holder as their own deputy': [
        "handbook_data/roles.yml:7: role 'emergency-officer', field 'holders[2]': 'anna-adler' is listed "
         'twice among the holders (a holder cannot be their own deputy: name another contact as deputy)',
    ],
    'a stand-in who is the sender': [
        "handbook_data/alerting.yml:11: alerting chain 'outage', field 'steps[1].stand_in': the stand-in is "
         'the same as the sender (the sender is the one who cannot reach the recipient: name somebody else '
         'to call)',
    ],
    'an alerting chain in a circle': [
        "handbook_data/alerting.yml:14: alerting chain 'outage', field 'steps[2].recipient': 'anna-adler' "
         "already alerts 'emergency-officer' through the steps before, so this step closes a circle (alert "
         "each role or contact once; to report back, say so in the step's message)",
    ],
    'an e-mail address with a bcc header': [
        "handbook_data/contacts.yml:12: contact 'anna-adler', field 'email': expected an e-mail address "
         "like name@example.com, found 'anna.adler@example.com?bcc=spy%40evil.example&subject=fwd'",
    ],
    'two e-mail addresses': [
        "handbook_data/contacts.yml:12: contact 'anna-adler', field 'email': expected an e-mail address "
         "like name@example.com, found 'anna.adler@example.com,spy@evil.example'",
    ],
    'javascript: link': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         'javascript:alert(1) was removed; its words stay as plain text (links may go to https: addresses, '
         'mailto: with one plain address, tel: numbers or pages of the handbook)',
    ],
    'JavaScript: in capitals': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         'JaVaScRiPt:alert(1) was removed; its words stay as plain text (links may go to https: addresses, '
         'mailto: with one plain address, tel: numbers or pages of the handbook)',
    ],
    'data: link': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== was removed; its words stay as plain '
         'text (links may go to https: addresses, mailto: with one plain address, tel: numbers or pages of '
         'the handbook)',
    ],
    'vbscript: link': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         'vbscript:msgbox(1) was removed; its words stay as plain text (links may go to https: addresses, '
         'mailto: with one plain address, tel: numbers or pages of the handbook)',
    ],
    'file: link': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         'file:///etc/passwd was removed; its words stay as plain text (links may go to https: addresses, '
         'mailto: with one plain address, tel: numbers or pages of the handbook)',
    ],
    'protocol-relative link': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         '//evil.example/ was removed; its words stay as plain text (links may go to https: addresses, '
         'mailto: with one plain address, tel: numbers or pages of the handbook)',
    ],
    'mailto: with a bcc header': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         'mailto:help@example.com?bcc=spy@evil.example was removed; its words stay as plain text (links may '
         'go to https: addresses, mailto: with one plain address, tel: numbers or pages of the handbook)',
    ],
    'remote image': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the image "
         'https://evil.example/pixel.png was removed (images may come only from the handbook itself, which '
         'must work offline: leave it out or describe it in words)',
    ],
    'data: image': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the image "
         'data:image/svg+xml;base64,PHN2Zy8+ was removed (images may come only from the handbook itself, '
         'which must work offline: leave it out or describe it in words)',
    ],
    'attr_list onerror on an image': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': {: "
         'onerror="alert(1)"} is shown as text: an answer cannot set attributes or styles (delete it)',
    ],
    'attr_list covering the page': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': {: "
         'style="position:fixed;inset:0" onmouseover="alert(1)"} is shown as text: an answer cannot set '
         'attributes or styles (delete it)',
    ],
    'script tag': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML "
         '<script>alert(1)</script> is shown as text, not run (write Markdown instead: **bold**, *italic*, '
         '[words](https://…))',
    ],
    'img onerror': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML <img src=x "
         'onerror=alert(1)> is shown as text, not run (write Markdown instead: **bold**, *italic*, '
         '[words](https://…))',
    ],
    'iframe': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML <iframe "
         'src="https://evil.example/"></iframe> is shown as text, not run (write Markdown instead: **bold**, '
         '*italic*, [words](https://…))',
    ],
    'style block': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML "
         '<style>body{display:none}</style> is shown as text, not run (write Markdown instead: **bold**, '
         '*italic*, [words](https://…))',
    ],
    'raw link to outside': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML <a "
         'href="https://evil.example/"> is shown as text, not run (write Markdown instead: **bold**, '
         '*italic*, [words](https://…))',
    ],
    'HTML comment': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML <!-- "
         'hidden instructions --> is shown as text, not run (write Markdown instead: **bold**, *italic*, '
         '[words](https://…))',
    ],
    'Jinja expression': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': {{ config.extra }} "
         'is shown as text: template code does not run in an answer (delete it)',
    ],
    'Jinja statement': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': {% include "
         "'secrets.yml' %} is shown as text: template code does not run in an answer (delete it)",
    ],
    'a heading inside an answer': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the element <h1> "
         'was removed; its words stay (an answer has no headings of its own: write **bold** words instead)',
    ],
    'link to a page that does not exist': [
        "handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         "'old-procedures.md' leads to no page of the handbook (link to a page like contacts.md, "
         'faq.md#faq-<id> or scenarios/<id>.md)',
    ],
    'link to a role that does not exist': [
        "handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the page contacts.md has no "
         "anchor '#role-crisis-lead' (the record the anchor names does not exist: check the id after the #, e.g. "
         'contacts.md#role-<role id> or faq.md#faq-<entry id>)',
    ],
    'link to an answer that does not exist': [
        "handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the page faq.md has no "
         "anchor '#faq-phone-dead' (the record the anchor names does not exist: check the id after the #, e.g. "
         'contacts.md#role-<role id> or faq.md#faq-<entry id>)',
    ],
    'link to a heading that a checklist page does not have': [
        "handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'answer': the page checklists/first-hour.md "
         "has no anchor '#safety-first' (no heading of that page in English has this anchor: open the page, click "
         'the ¶ beside the heading and copy its address from the #)',
    ],
    'link to a mistyped heading of the FAQ page': [
        "handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the page faq.md has no anchor "
         "'#availabilty' (did you mean '#availability'?)",
    ],
    'entity-encoded javascript: link': [
        "warning: handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to "
         "javascript:alert(1) was removed; its words stay as plain text (links may go to https: addresses, mailto: "
         "with one plain address, tel: numbers or pages of the handbook)",
    ],
}
