import csv
import io
import xml.etree.ElementTree as ET

from kb import feeds

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_entries_in_the_language_with_absolute_links(repo):
    root = ET.fromstring(feeds.atom(repo, "en", "https://kb.example/en/"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(repo.entries())
    titles = {e.find(f"{ATOM}title").text for e in entries}
    assert titles == {"Example case", "Esimerkkiohje"}        # the guideline has no English text: its original
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert links == {"https://kb.example/en/cases/example-case/", "https://kb.example/en/guidelines/example-guideline/"}
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://kb.example/en/feed.xml"


def test_feed_escapes_text(repo):
    repo.cases[0].texts["en"].title = "A & B <script>"
    root = ET.fromstring(feeds.atom(repo, "en", "https://kb.example/en/"))   # still well-formed XML
    assert "A & B <script>" in {e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")}


def test_csv_has_one_row_per_case_with_labels_in_the_language(repo):
    text = feeds.cases_csv(repo, "sv", "https://kb.example/sv/")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == len(repo.cases)
    row = rows[0]
    assert row["regions"] == "Nyland, Hela Finland" and row["region_codes"] == "FI-18, nationwide"
    assert row["status"] == "Etablerad" and row["evidence"] == "2" and row["languages"] == "en fi"
    assert row["address"] == "https://kb.example/sv/cases/example-case/"


FORMULA = ("=", "+", "-", "@")


def test_csv_quotes_every_cell_and_defuses_formulas_for_either_delimiter(repo):
    """A title such as 'Case,=1+1,x' must not become a formula in a spreadsheet that splits on commas."""
    case = repo.cases[0]
    case.texts["en"].title = "Case,=1+1,x"
    case.texts["en"].summary = "Costs; -2+3 and , @SUM(A1) or =HYPERLINK(\"https://attacker.example\")"
    text = feeds.cases_csv(repo, "en", "https://kb.example/en/").lstrip("\ufeff")
    for line in text.splitlines()[1:]:
        assert line.startswith('"') and line.endswith('"')           # every cell quoted
    for delimiter in (";", ","):
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for cell in row:
                for part in cell.replace(";", ",").split(","):
                    assert not part.strip().strip('"').startswith(FORMULA), (delimiter, cell)
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["title"] == "Case,'=1+1,x"                             # still readable: an apostrophe, nothing lost


def test_csv_defuses_formulas_after_line_breaks(repo):
    repo.cases[0].texts["en"].summary = "First line\n=HYPERLINK(\"https://attacker.example\")\r\n+1"
    text = feeds.cases_csv(repo, "en", "https://kb.example/en/")
    assert "\n=HYPERLINK" not in text and "\n'=HYPERLINK" in text and "\n'+1" in text
