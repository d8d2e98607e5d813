#!/usr/bin/env python3
"""Write the GitHub issue form for contributors who do not use git, with its choices taken from the
vocabularies (so the form never drifts from what the validator accepts).
Usage: issue_form.py [--check]   (--check: exit 1 if the committed form is out of date)"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from kb import LANGS, facets, vocab
from kb.strings import t


ROOT = Path(__file__).resolve().parent.parent


TARGET = ROOT / ".github" / "ISSUE_TEMPLATE" / "new-case.yml"


def every_language(texts: dict) -> str:
    """One label in the site's languages, always in the same order (vocabularies/languages.yml)."""
    return " / ".join(dict.fromkeys(texts[lg] for lg in LANGS if lg in texts))


def choice(term) -> str:
    """An option: the id, then the labels, without the id again where a label starts with it (evidence)."""
    labels = {lg: re.sub(rf"^{re.escape(str(term.id))}\s*–\s*", "", term.label[lg]) for lg in LANGS}
    return f"{term.id} – " + every_language(labels)


def in_every_language(key: str) -> str:
    return every_language({lg: t(lg, key) for lg in LANGS})


# The form's own texts, per language; the parser of submitted forms (scripts/issue_to_case.py) finds the
# answers by these labels.
TEXTS = {
    "name": {"fi": "Uusi tapauskuvaus", "sv": "Ny fallbeskrivning", "en": "New case study"},
    "intro": {"fi": "Kirjoita suomeksi, ruotsiksi tai englanniksi. Älä kirjoita henkilötietoja (yksityishenkilöiden nimiä, sähköpostiosoitteita tai puhelinnumeroita).",
              "sv": "Skriv på finska, svenska eller engelska. Skriv inga personuppgifter (privatpersoners namn, e-postadresser eller telefonnummer).",
              "en": "Write in Finnish, Swedish or English. Do not include personal data (names, e-mail addresses or phone numbers of private persons)."},
    "language": {"fi": "Tekstin kieli", "sv": "Textens språk", "en": "Language of your text"},
    "title": {"fi": "Innovaation nimi", "sv": "Innovationens namn", "en": "Name of the innovation"},
    "summary": {"fi": "Tiivistelmä", "sv": "Sammanfattning", "en": "Summary"},
    "organisations": {"fi": "Toimijat ja niiden verkko-osoitteet", "sv": "Aktörer och deras webbadresser", "en": "Organisations and their web addresses"},
    "years": {"fi": "Aloitusvuosi ja päättymisvuosi tai jatkuu", "sv": "Startår och slutår eller pågår", "en": "Start year and end year or ongoing"},
    "sources": {"fi": "Lähteet (otsikko ja verkko-osoite)", "sv": "Källor (rubrik och webbadress)", "en": "Sources (title and web address)"},
    "consent": {"fi": "Suostumus", "sv": "Samtycke", "en": "Consent"},
    "no_personal_data": {"fi": "Tekstissä ei ole yksityishenkilöiden henkilötietoja.", "sv": "Texten innehåller inga personuppgifter om privatpersoner.",
                         "en": "The text contains no personal data of private persons."},
    "licence": {"fi": "Hyväksyn, että teksti julkaistaan CC BY 4.0 -lisenssillä.", "sv": "Jag godkänner att texten publiceras under licensen CC BY 4.0.",
                "en": "I agree that the text is published under CC BY 4.0."},
    "one_per_line": {"fi": "Yksi riville: nimi ja osoite.", "sv": "En per rad: namn och adress.", "en": "One per line: name and address."},
    "source_lines": {"fi": "Yksi riville: otsikko ja osoite. Jokaiselle tiedolle on oltava lähde.", "sv": "En per rad: rubrik och adress. Varje uppgift ska ha en källa.",
                     "en": "One per line: title and address. Every fact must be supported by one."},
    "in_own_words": {"fi": "Omin sanoin; merkitse lähde jokaiselle tiedolle.", "sv": "Med egna ord; ange en källa för varje uppgift.",
                     "en": "In your own words; cite a source for every fact."},
    "years_example": {"fi": "esim. 2019–2023 tai 2019–jatkuu", "sv": "t.ex. 2019–2023 eller 2019–pågår", "en": "e.g. 2019–2023 or 2019–ongoing"},
    "summary_help": {"fi": "Yksi kappale: mitä se on, kenelle ja mitä sillä saatiin aikaan.", "sv": "Ett stycke: vad det är, för vem och vad det har åstadkommit.",
                     "en": "One paragraph: what it is, for whom, what it achieved."},
}


def label(key: str) -> str:
    return every_language(TEXTS[key])


def form() -> dict:
    def text(id_, label, description, required=True, multi=True):
        return {"type": "textarea" if multi else "input", "id": id_,
                "attributes": {"label": label, "description": description}, "validations": {"required": required}}

    def pick(facet):
        """The facets readers filter by (vocabularies/facets.yml) are asked with their vocabularies' values."""
        return {"type": "dropdown", "id": facet.field, "attributes": {"label": in_every_language(facet.label_key),
                "multiple": facet.many, "options": [choice(term) for term in facet.terms]}, "validations": {"required": True}}

    sections = [text(s["id"], every_language(s["label"]), label("in_own_words")) for s in vocab.sections()["case"]]
    asked = [f for f in facets.for_kind("case") if f.filter]
    return {
        "name": label("name"),
        "description": "Propose a social innovation for the knowledge base without using git. An editor reviews it; when accepted it becomes a pull request.",
        "title": "New case: ",
        "labels": ["new case"],
        "body": [
            {"type": "markdown", "attributes": {"value": "\n\n".join(TEXTS["intro"][lg] for lg in LANGS)}},
            {"type": "dropdown", "id": "language", "attributes": {"label": label("language"),
                                                                    "options": [t(lg, "language_name") for lg in LANGS]},
             "validations": {"required": True}},
            text("title", label("title"), "", multi=False),
            text("summary", label("summary"), label("summary_help")),
            *[pick(f) for f in asked],
            text("organisations", label("organisations"), label("one_per_line")),
            text("years", label("years"), label("years_example"), multi=False),
            text("sources", label("sources"), label("source_lines")),
            *sections,
            {"type": "checkboxes", "id": "consent", "attributes": {"label": label("consent"), "options": [
                {"label": label("no_personal_data"), "required": True},
                {"label": label("licence"), "required": True}]}},
        ],
    }


def render() -> str:
    header = "# Generated by scripts/issue_form.py from vocabularies/*.yml: edit those, then run it.\n"
    return header + yaml.safe_dump(form(), allow_unicode=True, sort_keys=False, width=200)


def main(argv) -> int:
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != render():
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/issue_form.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
