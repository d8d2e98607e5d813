"""Generated Markdown: which pages exist, what the indexes list, notices and related cases."""


from conftest import CORPUS
from kb import LANGS, export, facets, pages, site
from kb.indexes import related


def test_generated_page_set(repo):
    generated = pages.generate(repo, "sv")
    assert "cases/example-case/index.md" in generated and "guidelines/example-guideline/index.md" in generated
    assert {"cases/index.md", "guidelines/index.md", "pillars/index.md", "regions/index.md", "themes/index.md",
            "search/index.md", "regions/fi-18/index.md", "regions/nationwide/index.md", "themes/housing/index.md"} <= set(generated)
    assert len([u for u in generated if u.startswith("regions/")]) == 1 + 21


def test_fallback_notice_only_where_the_language_is_missing(repo):
    case = repo.cases[0]
    assert "kb-notice" not in pages.case_page(case, repo, "fi")
    sv = pages.case_page(case, repo, "sv")
    assert "inte översatts till svenska" in sv and "originalspråket: finska" in sv and "finska, engelska" in sv
    assert '<div lang="fi" markdown>' in sv and "{ lang=fi }" in sv    # fallback text is marked as Finnish


def test_term_page_lists_cases_and_cross_index(repo):
    md = pages.generate(repo, "en")["regions/fi-18/index.md"]
    assert '<a href="../../cases/example-case/">Example case</a>' in md
    assert "[Housing and homelessness](../../themes/housing/index.md) | 1 |" in md
    assert "../../search/?region=FI-18&amp;theme=housing" in md
    empty = pages.generate(repo, "en")["regions/fi-10/index.md"]
    own, national = empty.split("## Nationwide cases")
    assert "No cases yet" in own and "example-case" not in own
    assert "example-case" in national                     # a nationwide case reaches Lapland too


def test_guidelines_listed_by_audience_and_on_theme_pages(repo):
    md = pages.generate(repo, "fi")
    assert "### Rahoittajat" in md["guidelines/index.md"]
    assert "example-guideline" in md["themes/housing/index.md"]
    assert "example-guideline" not in md["regions/fi-18/index.md"]


def test_related_cases_share_themes_or_regions(repo):
    base = repo.cases[0]
    import copy
    twin = copy.deepcopy(base)
    twin.slug, twin.meta["themes"] = "twin", ["youth"]
    stranger = copy.deepcopy(base)
    stranger.slug, stranger.meta["themes"], stranger.meta["regions"] = "stranger", ["migration"], ["FI-01"]
    repo.cases += [twin, stranger]
    assert related(base, repo) == [twin]


def test_markers_filled_in(repo):
    src = "Intro\n\n<!-- kb:pillars -->\n\n<!-- kb:newest-cases -->\n"
    out = pages.expand_markers(src, repo, "sv", "index.md")
    assert "<!-- kb:" not in out
    assert "[Kunskap](pillars/knowledge/index.md)" in out and "(cases/example-case/index.md)" in out


def test_entry_links_point_to_generated_pages(repo):
    case = repo.cases[0]
    case.texts["fi"].body += "\n\nKatso [ohje](../../guidelines/example-guideline/fi.md#tarkistuslista) ja [tämä](../example-case/)."
    md = pages.case_page(case, repo, "fi")
    assert "](../../guidelines/example-guideline/index.md#tarkistuslista)" in md and "](index.md)" in md


def test_sources_close_the_page_and_dates_read_naturally(repo):
    md = pages.case_page(repo.cases[0], repo, "fi")
    assert md.index("## Lähteet") > md.index("## Opit")
    assert "1\\.11\\.2026" in md or "1.11.2026" in md
    assert "1 November 2026" in pages.case_page(repo.cases[0], repo, "en")


def test_first_sentence():
    assert pages.first_sentence("Yksi lause. Toinen lause.") == "Yksi lause."
    long = "sana " * 100
    assert pages.first_sentence(long).endswith(" …") and len(pages.first_sentence(long)) <= 202


def test_search_page_offers_every_filter_with_labels_in_its_language(repo):
    md = pages.search_page("sv")
    assert 'name="region" value="FI-18"> Nyland' in md and 'name="theme" value="housing"> Boende' in md
    assert 'name="type" value="case"> Fallbeskrivning' in md


def test_export_writes_every_language(tmp_path, repo):
    for lang in LANGS:
        n = export.write(CORPUS / "good", repo, lang, tmp_path / lang, f"https://kb.example/{lang}/")
        term_csvs = sum(len(f.terms) for f in facets.with_pages())   # regions/fi-18/cases.csv and the others
        assert n == len(pages.generate(repo, lang)) + 2 + term_csvs + len(export.images(CORPUS / "good", repo, lang))
        assert (tmp_path / lang / "cases" / "example-case" / "index.md").exists()
        assert (tmp_path / lang / "feed.xml").exists() and (tmp_path / lang / "cases.csv").exists()


def test_link_checker_knows_exactly_the_generated_pages(repo):
    from kb import links
    for lang in LANGS:
        assert site.page_uris(links.known_entries(repo)) == set(pages.generate(repo, lang)) | {"index.md"}


def test_images_beside_entries_are_exported(tmp_path, repo):
    export.write(CORPUS / "good", repo, "sv", tmp_path / "sv", "https://kb.example/sv/")
    assert (tmp_path / "sv" / "cases" / "example-case" / "diagram.png").read_bytes().startswith(b"\x89PNG")


def test_case_tables_are_set_aside_and_put_back_unchanged():
    table = '<div class="kb-case-list kb-sortable"><table class="kb-cases">\n<tr><td>&lt;!-- kb:table 0 --&gt;</td></tr>\n</table></div>'
    markdown = f"# Title\n\n{table}\n\ntext\n\n{table.replace('kb-case-list', 'kb-nationwide-list')}\n"
    aside, tables = pages.set_aside_tables(markdown)
    assert aside == "# Title\n\n<!-- kb:table 0 -->\n\ntext\n\n<!-- kb:table 1 -->\n" and len(tables) == 2
    assert pages.put_back_tables(aside, tables) == markdown
    assert pages.put_back_tables("<p>&lt;!-- kb:table 0 --&gt;</p>", tables) == "<p>&lt;!-- kb:table 0 --&gt;</p>"
