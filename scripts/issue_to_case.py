#!/usr/bin/env python3
"""Turn a submitted "New case study" issue form into a case file, checked by the validator.

Usage: issue_to_case.py --body-file FILE --issue N --author LOGIN [--root DIR] [--message FILE] [--output FILE]

The issue's text is data: it is read from a file (the workflow writes it there from an environment
variable), never run or interpolated into a command. On success the case is written to
cases/<slug>/<lang>.md, --message gets the pull request's description and --output (GitHub's
$GITHUB_OUTPUT) gets path=, slug= and branch=; exit 0. When the validator finds errors, nothing is
left in cases/, --message gets the errors in the submitter's language, and the exit code is 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import yaml

from kb import LANGS, facets, repository, vocab
from kb.model import suggest_slug
from kb.strings import t
from scripts import issue_form

ROOT = Path(__file__).resolve().parent.parent
NO_RESPONSE = "_No response_"                     # what GitHub writes for an empty optional field
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ONGOING = re.compile(r"\b(ongoing|jatkuu|käynnissä|pågår|pågående)\b", re.I)
_SEPARATORS = " \t-–—:|,;"
MAX_SLUG = 60


def sections(body: str) -> dict[str, str]:
    """The answers of a rendered issue form: its "### Label" headings → the text under each."""
    out, label, lines = {}, None, []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            if label is not None:
                out[label] = "\n".join(lines).strip()
            label, lines = line[4:].strip(), []
        elif label is not None:
            lines.append(line)
    if label is not None:
        out[label] = "\n".join(lines).strip()
    return {k: "" if v == NO_RESPONSE else v for k, v in out.items()}


def answers(body: str) -> dict[str, str]:
    """The answers by the form's field ids (scripts/issue_form.py), whatever order GitHub wrote them in."""
    by_label = sections(body)
    return {item["id"]: by_label.get(item["attributes"]["label"], "") for item in issue_form.form()["body"] if "id" in item}


def _chosen(facet: facets.Facet, value: str) -> list:
    """The terms whose option text is in a dropdown's answer (GitHub joins several with ", ")."""
    return [term.id for term in facet.terms if issue_form.choice(term) in value]


def _named_links(value: str) -> list[dict]:
    """Lines of "name – address" (organisations) or "title – address" (sources)."""
    out = []
    for line in value.splitlines():
        url = _URL.search(line)
        name = re.sub(r"\(\s*\)|<\s*>|\[\s*\]", "", _URL.sub("", line)).strip(_SEPARATORS + "*_")
        if url or name:
            out.append({"name": name or url.group().split("/")[2], **({"url": url.group().rstrip(".,;)")} if url else {})})
    return out


def case_file(a: dict[str, str], lang: str, today: dt.date) -> str:
    """The case as the validator expects an original: front matter and the body's sections."""
    meta: dict = {"title": " ".join(a["title"].split()), "summary": " ".join(a["summary"].split())}
    for facet in facets.for_kind("case"):
        if facet.filter:
            ids = _chosen(facet, a.get(facet.field, ""))
            meta[facet.field] = ids if facet.many else (ids[0] if ids else "")
    meta["organisations"] = _named_links(a["organisations"])
    years = [int(y) for y in _YEAR.findall(a["years"])]
    meta["start_year"] = years[0] if years else ""
    meta["end_year"] = years[1] if len(years) > 1 else "ongoing" if _ONGOING.search(a["years"]) or len(years) == 1 else ""
    meta["status"], meta["evidence"] = meta.pop("status"), meta.pop("evidence")
    meta["sources"] = [{"url": s.get("url", ""), "title": s["name"]} for s in _named_links(a["sources"])]
    meta.update(published=today.isoformat(), reviewed=today.isoformat(), licence="CC-BY-4.0")
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=120)
    body = "".join(f"## {s['label'][lang]}\n\n{a.get(s['id'], '').strip()}\n\n" for s in vocab.sections()["case"])
    return f"---\n# yaml-language-server: $schema=../../schema/case.schema.json\n{front}---\n\n{body}"


def language(a: dict[str, str]) -> str:
    names = {t(lg, "language_name"): lg for lg in LANGS}
    return names.get(a.get("language", "").strip(), "en")


def consented(body: str) -> bool:
    """Both consent boxes ticked, as GitHub writes them: "- [X] <label>"."""
    labels = [o["label"] for item in issue_form.form()["body"] if item.get("id") == "consent" for o in item["attributes"]["options"]]
    return all(re.search(rf"^- \[[xX]\] {re.escape(label)}\s*$", body, re.M) for label in labels)


def slug_for(title: str, issue: int, root: Path) -> str:
    """A folder name from the title (Äänestys → aanestys), unique among the cases."""
    base = suggest_slug(title, fallback=f"case-{issue}")[:MAX_SLUG].strip("-") or f"case-{issue}"
    slug, n = base, 1
    while (root / "cases" / slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def fenced(text: str) -> str:
    """Text shown literally in a GitHub comment: in a fence longer than any run of backticks in it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def convert(body: str, issue: int, author: str, root: Path, today: dt.date) -> tuple[bool, str, dict]:
    """(accepted, message for the pull request or the issue, outputs for the workflow)."""
    a = answers(body)
    lang = language(a)
    if not consented(body):
        return False, t(lang, "issue_no_consent"), {}
    slug = slug_for(a["title"], issue, root)
    path = root / "cases" / slug / f"{lang}.md"
    path.parent.mkdir(parents=True)
    path.write_text(case_file(a, lang, today), encoding="utf-8")
    rel = path.relative_to(root).as_posix()
    _, diags = repository.load(root)
    mine = [d for d in diags if d.path == rel or d.path.startswith(f"cases/{slug}/")]
    if mine:
        shutil.rmtree(path.parent)
        errors = "\n".join(d.text(lang) for d in sorted(mine))
        return False, t(lang, "issue_has_errors") + "\n\n" + fenced(errors), {}
    author = re.sub(r"[^A-Za-z0-9-]", "", author)[:39]
    message = t(lang, "issue_pull_request", author=author, issue=issue, path=rel)
    return True, message, {"path": rel, "slug": slug, "branch": f"new-case/{slug}"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--body-file", type=Path, required=True)
    parser.add_argument("--issue", type=int, required=True)
    parser.add_argument("--author", required=True)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--message", type=Path, help="where to write the pull request's description or the errors")
    parser.add_argument("--output", type=Path, help="GitHub's $GITHUB_OUTPUT")
    args = parser.parse_args(argv)
    body = args.body_file.read_text(encoding="utf-8", errors="replace")
    ok, message, outputs = convert(body, args.issue, args.author, args.root.resolve(), dt.date.today())
    if args.message:
        args.message.write_text(message + "\n", encoding="utf-8")
    else:
        print(message)
    if args.output and outputs:
        with args.output.open("a", encoding="utf-8") as out:
            out.writelines(f"{k}={v}\n" for k, v in outputs.items())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
