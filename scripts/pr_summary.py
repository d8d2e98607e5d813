#!/usr/bin/env python3
"""What a pull request changes, for editors, as GitHub-flavoured Markdown: per case and guideline touched,
the changes field by field in readable labels, languages added or missing, body sections changed, the
validator's errors, and a preview of each language as a reader will see it. Written also when the
content does not validate.

Usage: pr_summary.py [--root CHECKOUT] [--out FILE] [--site-link URL] BASE_COMMIT
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from kb import LANGS, document, facets, repository, vocab
from kb.markdown import esc
from kb.model import FOLDERS, org_name
from kb.strings import t

ROOT = Path(__file__).resolve().parent.parent
LABEL_LANG = "en"                       # the summary is for the editors' shared working language
MAX_PREVIEW = 12_000                    # characters of one body in the preview; GitHub comments hold 65,536
MAX_ERRORS = 40


def text(value) -> str:
    """Contributed text as literal Markdown on one line: no links, images, HTML, mentions or line breaks."""
    return esc(" ".join(str(value).split())).replace("@", "@\u200b")


def changed_entries(paths: list[str]) -> list[tuple[str, str]]:
    """(folder, slug) of every case or guideline a list of changed paths touches."""
    out = set()
    for p in paths:
        parts = p.split("/")
        if len(parts) >= 3 and parts[0] in FOLDERS.values():
            out.add((parts[0], parts[1]))
    return sorted(out)


def _read(path: Path) -> dict | None:
    doc, _ = document.read(path, path.name)
    return None if doc is None else {"meta": doc.meta, "body": doc.body}


def versions(root: Path, folder: str, slug: str, rev: str | None) -> dict[str, dict]:
    """The entry's language files at a commit (or on disk): lang -> {meta, body}; unreadable ones left out."""
    out = {}
    for lang in LANGS:
        rel = f"{folder}/{slug}/{lang}.md"
        if rev is None:
            path = root / rel
            if path.is_file() and not path.is_symlink():
                if (read := _read(path)) is not None:
                    out[lang] = read
            continue
        shown = subprocess.run(["git", "show", f"{rev}:{rel}"], cwd=root, capture_output=True)
        if shown.returncode == 0:
            with tempfile.NamedTemporaryFile(suffix=".md") as tmp:
                tmp.write(shown.stdout)
                tmp.flush()
                if (read := _read(Path(tmp.name))) is not None:
                    out[lang] = read
    return out


def _original(files: dict[str, dict]) -> dict:
    return next((f["meta"] for f in files.values() if "translated_from" not in f["meta"]), {})


def _label(facet: facets.Facet, value) -> str:
    term = vocab.load(facet.vocabulary).get(value)
    return f"{term.label[LABEL_LANG]}" if term else str(value)


def _values(field: str, value) -> list[str]:
    """A field's value as readable items: labels for vocabulary fields, names for organisations."""
    facet = next((f for f in facets.all_facets() if f.field == field), None)
    items = value if isinstance(value, list) else [] if value in (None, "") else [value]
    if facet:
        return [_label(facet, v) for v in items]
    if field == "organisations":
        return [org_name(o, LABEL_LANG) if isinstance(o, dict) and "name" in o else str(o) for o in items]
    if field == "sources":
        return [o.get("url", "") if isinstance(o, dict) else str(o) for o in items]
    return [str(v) for v in items]


def field_changes(before: dict, after: dict) -> list[str]:
    """ "Evidence: 2 – Positive change observed → 4 – Independently replicated", "Regions: + Lapland"."""
    out = []
    for field in dict.fromkeys([*before, *after]):
        if field == "translated_from" or before.get(field) == after.get(field):
            continue
        old, new = _values(field, before.get(field)), _values(field, after.get(field))
        name = field.replace("_", " ").capitalize()
        if isinstance(after.get(field, before.get(field)), list):
            parts = [f"+ {text(v)}" for v in new if v not in old] + [f"− {text(v)}" for v in old if v not in new]
            out.append(f"{name}: " + (", ".join(parts) or "order changed"))
        else:
            out.append(f"{name}: {text(', '.join(old)) or '(none)'} → {text(', '.join(new)) or '(none)'}")
    return out


def _sections(body: str) -> dict[str, str]:
    parts = re.split(r"^## +(.+?)\s*$", body, flags=re.M)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def text_changes(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    out = []
    for lang in LANGS:
        if lang in after and lang not in before:
            out.append(f"{lang}: added")
        elif lang in before and lang not in after:
            out.append(f"{lang}: removed")
        elif lang in after:
            b, a = before[lang], after[lang]
            for key in ("title", "summary"):
                if b["meta"].get(key) != a["meta"].get(key):
                    out.append(f"{lang}: {key} changed" + (f": {text(b['meta'].get(key, ''))} → {text(a['meta'].get(key, ''))}" if key == "title" else ""))
            old, new = _sections(b["body"]), _sections(a["body"])
            changed = [h for h in dict.fromkeys([*old, *new]) if old.get(h) != new.get(h)]
            if changed:
                out.append(f"{lang}: sections changed: " + ", ".join(text(h) for h in changed))
    return out


def preview(files: dict[str, dict], lang: str, kind: str) -> str:
    """One language as a reader sees it: title, summary, the fact box with labels, the body."""
    meta, original = files[lang]["meta"], _original(files)
    rows = []
    for facet in facets.for_kind(kind):
        if facet.fact and facet.field in original:
            values = original[facet.field] if isinstance(original[facet.field], list) else [original[facet.field]]
            v = vocab.load(facet.vocabulary)
            rows.append((t(lang, facet.fact), ", ".join(v.get(x).label[lang] if v.get(x) else str(x) for x in values)))
    if "organisations" in original:
        names = [org_name(o, lang) for o in original["organisations"] if isinstance(o, dict) and "name" in o]
        rows.append((t(lang, "fact_organisations"), ", ".join(names)))
    if "start_year" in original:
        rows.append((t(lang, "fact_period"), f"{original.get('start_year')} – {original.get('end_year')}"))
    body = files[lang]["body"].strip()
    body = body if len(body) <= MAX_PREVIEW else body[:MAX_PREVIEW] + "\n\n… (cut here; the whole text is in the file)"
    body = body.replace("@", "@\u200b")        # no mentions from contributed text
    table = "\n".join(["| | |", "|---|---|", *[f"| {text(k)} | {text(v)} |" for k, v in rows]])
    return (f"<details><summary>Preview: {lang} – {text(meta.get('title', ''))}</summary>\n\n"
            f"### {text(meta.get('title', ''))}\n\n> {text(meta.get('summary', ''))}\n\n{table}\n\n{body}\n\n</details>\n")


def summary(root: Path, base: str, paths: list[str], site_link: str = "") -> str:
    _, diags = repository.load(root)
    lines = ["## Content changed by this pull request", ""]
    if diags:
        lines += [f"**{len(diags)} validation error(s).** Nothing can be published until they are fixed:", "", "```text",
                  *[d.text().replace("```", "'''") for d in sorted(diags)[:MAX_ERRORS]], "```", ""]
    else:
        lines += ["The whole repository validates clean.", ""]
    touched = changed_entries(paths)
    if not touched:
        lines += ["No case studies or guidelines changed.", ""]
    for folder, slug in touched:
        kind = next(k for k, f in FOLDERS.items() if f == folder)
        before, after = versions(root, folder, slug, base), versions(root, folder, slug, None)
        heading = text(after.get(LABEL_LANG, next(iter(after.values()), {"meta": {}}))["meta"].get("title", slug)) if after else "deleted"
        lines += [f"### {text(folder + '/' + slug)}: {heading}", ""]
        if not after:
            lines += ["Deleted." if not (root / folder / slug).exists() else "Its files cannot be read: see the errors above.", ""]
            continue
        status = "new" if not before else "changed"
        missing = [lg for lg in LANGS if lg not in after]
        lines += [f"- {status}; languages: " + ", ".join(after) + (f"; missing: {', '.join(missing)}" if missing else "")]
        lines += [f"- {change}" for change in field_changes(_original(before), _original(after)) + text_changes(before, after)]
        errors = [d for d in diags if d.path.startswith(f"{folder}/{slug}/")]
        if errors:
            lines.append(f"- **has {len(errors)} error(s)**, listed above")
        lines += ["", *[preview(after, lang, kind) for lang in after]]
    if site_link:
        lines += [f"The built site of this pull request: {site_link} (artifact `site`; locally: `make preview PR=<number>`).", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", nargs="?", default="origin/main", help="commit the pull request starts from")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout of the pull request (default: this one)")
    parser.add_argument("--out", type=Path, help="write the summary here as well as to standard output")
    parser.add_argument("--site-link", default="", help="where the built site of the pull request can be downloaded")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    paths = subprocess.run(["git", "diff", "-z", "--name-only", args.base, "HEAD"], cwd=root, capture_output=True,
                           text=True, check=True).stdout.split("\0")
    out = summary(root, args.base, [p for p in paths if p], args.site_link)
    print(out)
    if args.out:
        args.out.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
