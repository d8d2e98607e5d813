"""Everything the validator accepts builds: Hypothesis writes front matter and bodies, and each file
that validates must render through the site's Markdown pipeline, the sanitiser and the feeds
without an exception (a lone surrogate or a list 300 levels deep used to crash the build)."""
import csv
import io
import json
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from kb import feeds, pages, render, repository, sanitize

GOOD = (CORPUS / "good" / "cases" / "example-case" / "fi.md").read_text(encoding="utf-8")
FIRST_PARAGRAPH = "Ongelman kuvaus. Lähde: [raportti](https://thl.fi/fi/tutkimus-ja-kehittaminen)."
TOKENS = ["<", ">", "[", "]", "(", ")", "!", "#", "*", "_", "`", "{", "}", ":", "-", "\n", "\n\n", " ", "sana", "ä",
          "&", ";", '"', "'", "=", "/", "\\", "|", "~", "^", "\t", "<a ", "<div>", "</div>", "](", "![", "{: ", "{#",
          "!!! note\n    ", "- ", "> ", "    ", "```", "[^1]", "[^1]: x", "https://thl.fi/", "javascript:", "src=",
          " id=", " class=", "\u202e", "\u2060", "\x00", "\x0b", "\ufffe", "\u00ad", "<b>", "</b>", "<img ", "diagram.png",
          "&#", "&lt;", "<!--", "-->", "###", "| a | b |\n|---|---|\n", "- [x] ", "{{", "}}", "\u0301", "😀"]
friendly = st.text(st.sampled_from("abcÄäÅö &;:-–'()[]{}#*_!?,./\\\u00ad😀"), min_size=3, max_size=40)
texts = st.one_of(friendly, friendly, friendly,
                  st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=12))
ACCEPTED = []
bodies = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, summary=texts, organisation=texts, body=bodies)
def test_what_validates_renders_and_feeds(title, summary, organisation, body):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CORPUS / "good", root, dirs_exist_ok=True)
        text = GOOD.replace("title: Esimerkkitapaus", f"title: {json.dumps(title)}")
        text = text.replace("name: Esimerkkiyhdistys ry", f"name: {json.dumps(organisation)}")
        text = text.replace("summary: >-\n  Lyhyt tiivistelmä esimerkkitapauksesta, jolla testataan validaattoria ja sivuston rakentamista.",
                            f"summary: {json.dumps('Tiivistelmä, joka on tarpeeksi pitkä kelvatakseen: ' + summary)}")
        (root / "cases" / "example-case" / "fi.md").write_text(text.replace(FIRST_PARAGRAPH, body), encoding="utf-8")
        repo, diags = repository.load(root)
        if diags:
            return
        ACCEPTED.append(title)
        case = repo.cases[0]
        for lang in ("fi", "sv", "en"):
            markdown = pages.case_page(case, repo, lang).split("---\n", 2)[2]
            sanitize.clean(render.to_html(markdown))
            ET.fromstring(feeds.atom(repo, lang, "https://kb.example/fi/"))
            list(csv.reader(io.StringIO(feeds.cases_csv(repo, lang, "https://kb.example/fi/")), delimiter=";"))


def test_the_property_test_saw_accepted_files():
    """Guards the test above: it proves something only if many generated files validate."""
    assert len(ACCEPTED) >= 50, len(ACCEPTED)
