"""MkDocs adapter for the engine-independent core in kb/. It loads and validates all content once
per build, adds the generated pages in memory, and escapes and sanitises what reaches the theme.
Nothing is written into the source folders."""
from __future__ import annotations

import functools
import html
import os
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from kb import (LANGS, compact, csp, facets, languages, pages, render_cache, repository, sanitize, site, site_root_url, strings,
                structured_data)
from kb.markdown import esc

from hooks import kept_renderings


CODE = Path(__file__).resolve().parent.parent
# Where cases/, guidelines/ and content/ live: this repository, or another one (tests, benchmarks).
ROOT = Path(os.environ.get("KB_CONTENT_ROOT") or CODE).resolve()


_state: dict = {}


def on_startup(command, dirty):
    # mkdocs serve injects its own inline live-reload script, which a Content-Security-Policy would block.
    _state["serving"] = command == "serve"
    _state["dirty"] = dirty   # a dirty build renders only changed pages: it must not prune the others' renderings


def on_config(config):
    lang = config.theme["language"]
    if lang not in LANGS:
        raise Abort(f"theme.language must be one of {', '.join(LANGS)} (set KB_LANG), not {lang!r}")
    repo, diags = repository.loaded(ROOT)
    if diags:
        raise Abort("content has errors; nothing was built:\n" + "\n".join(d.text() for d in diags))
    _state.update(lang=lang, repo=repo, handwritten={p.name for p in repo.pages if p.lang == lang},
                  entries={e.uri: e for e in repo.entries()})
    _close_rendered(complete=False)   # a live preview's last build, if it stopped half-way
    _state.update(rendered=render_cache.Store(ROOT, lang), render_settings=None)
    config.docs_dir = str(ROOT / "content" / lang)
    if Path(config.site_dir) == CODE / "site":
        config.site_dir = str(CODE / "site" / lang)
    config.site_name = strings.t(lang, "site_name")
    config.extra["kb_theme_language"] = languages.get(lang).theme   # Material's translation of its own labels
    base = site_root_url()
    config.site_url = f"{base}{lang}/"
    config.extra["kb_root_url"] = base
    config.extra["alternate"] = [{"name": strings.language_name(lg), "link": f"/{lg}/", "lang": lg} for lg in LANGS]
    config.extra["kb_strings"] = strings.all_strings()[lang]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = strings.t(lang, "permalink_title")
    config.nav = _nav(config.nav, lang)
    # A plain link to the repository, in the footer: Material's repo_url would make every reader's browser
    # ask api.github.com for the repository's statistics.
    config.extra["kb_repo_url"] = site.repository_url(ROOT, config.extra.get("kb_repository", ""))
    return config


def _nav(nav: list, lang: str) -> list:
    """The home page named Home, and the facets' overviews (vocabularies/facets.yml) after the guidelines."""
    out = []
    for item in nav:
        out.append({strings.t(lang, "home"): item} if item == "index.md" else item)
        if item == "guidelines/index.md":
            out += [f.overview_page() for f in facets.with_pages()]
    return out


def on_files(files, config):
    """Only what the validator read reaches the site: the theme's files, the checked site pages and
    images, and the generated pages; any other file in content/<lang>/ stops the build."""
    lang, repo = _state["lang"], _state["repo"]
    checked = {p.name for p in repo.pages if p.lang == lang} | set(repo.page_images.get(lang, []))
    docs = Path(config.docs_dir).resolve()
    for f in list(files):
        if Path(f.abs_src_path or "").resolve().is_relative_to(docs) and f.src_uri not in checked:
            raise Abort(f"content/{lang}/{f.src_uri} was not checked by the validator; nothing was built")
    for uri, content in site.files(ROOT, repo, lang, config.site_url).items():
        if files.get_file_from_path(uri) is not None:
            continue   # the hand-written pages and their images are there already; markers are filled below
        if isinstance(content, Path):
            files.append(File.generated(config, uri, abs_src_path=str(content)))
            continue
        if uri.endswith(".md") and uri not in _state["entries"]:   # index pages: no contributed Markdown
            content, _state.setdefault("tables", {})[uri] = pages.set_aside_tables(content)
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    # The navigation calls the home page "Home"; its heading stays the page's own title.
    if page.file.src_uri == "index.md" and isinstance(page.meta.get("title"), str) and not re.search(r"^# ", markdown, re.M):
        markdown = f"# {esc(page.meta['title'])}\n\n{markdown}"
    # Material prints page.meta title, description and author unescaped: escape them once here.
    for key in ("title", "description", "author"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key], quote=True)
    if page.file.src_uri in _state["handwritten"]:
        _state.setdefault("generated_html", {})[page.file.src_uri] = pages.generated_html(markdown, _state["repo"], _state["lang"], page.file.src_uri)
        markdown = pages.expand_markers(markdown, _state["repo"], _state["lang"], page.file.src_uri)
    page.render = functools.partial(_render, page)   # this is the last step before MkDocs renders the page
    return markdown


# ---- Rendered pages kept between builds (kb/render_cache.py) -------------------------------------------

def _render(page, config, files) -> None:
    """Page.render, or its kept rendering (hooks/kept_renderings.py)."""
    del page.render   # the page and this function's partial refer to each other: no cycle to outlive the build
    if _state.get("render_settings") is None:
        _state["render_settings"] = kept_renderings.settings(config)
    kept_renderings.render(page, config, files, _state.get("rendered"), _state["render_settings"])
    # MkDocs keeps every page until the build ends; its Markdown is not needed again (a fifth of the build's
    # memory). Empty, not None: a page whose Markdown is None has no title.
    page.markdown = ""
    if page.file.generated_by:
        page.file.content_string = ""


def _close_rendered(complete: bool) -> None:
    store = _state.pop("rendered", None)
    if store is not None:
        store.close(complete)


def on_build_error(error):
    _close_rendered(complete=False)


def on_page_content(content, page, config, files):
    # Contributed text is validated; sanitising the rendered HTML is the second line of defence, for
    # every page written by people (cases, guidelines, the site's own pages), not for generated indexes.
    if (page.meta.get("kb") or {}).get("type") in ("case", "guideline") or page.file.src_uri in _state.get("handwritten", ()):
        if getattr(page, "toc", None) is not None:
            page.toc.items[:] = _safe_toc(page.toc.items)
        return sanitize.clean_around(content, _state.get("generated_html", {}).get(page.file.src_uri, []))
    return pages.put_back_tables(sanitize.ballot_boxes(content), _state.get("tables", {}).get(page.file.src_uri, []))


def _safe_toc(items) -> list:
    """The page's table of contents, which Material prints unescaped in the sidebar: entries whose id
    the sanitiser would drop are left out (their heading has no anchor), titles become plain text."""
    out = []
    for item in items:
        item.children[:] = _safe_toc(item.children)
        if sanitize.safe_id(item.id):
            # a title without tags is text already; the sanitiser would only have escaped it the same way
            text = sanitize.text_only(item.title) if "<" in item.title else item.title
            item.title = html.escape(html.unescape(text), quote=True)
            out.append(item)
        else:
            out += item.children
    return out


def on_page_context(context, page, config, nav):
    """A page outside the navigation (case, guideline, term) lights its section's tab; case and
    guideline pages carry their structured data (kb/structured_data.py)."""
    kb = page.meta.get("kb") or {}
    section = next((p for p in nav.pages if p.file.src_uri == kb.get("section")), None)
    if section is not None:
        section.active = True      # MkDocs resets only the page being built; on_post_page resets this one
        _state["lit"] = section
    entry = _state["entries"].get(page.file.src_uri)
    if entry is not None:
        context["kb_jsonld"] = structured_data.entry(entry, _state["lang"], config.site_url, config.site_name)
        if config.extra.get("kb_repo_url"):
            context["kb_edit_url"] = f"{config.extra['kb_repo_url']}/edit/main/{site.source_file(entry, _state['lang'])}"
    context["kb_og_locale"] = structured_data.og_locale(_state["lang"])
    return context


def on_env(env, config, files):
    # Structured data as compact UTF-8; tojson still writes <, >, & and ' as \u escapes.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


def on_post_page(output, page, config):
    lit = _state.pop("lit", None)
    if lit is not None:
        lit.active = False
    output = compact.compact(output)
    return output if _state.get("serving") else csp.add_policy(output)


def on_post_build(config):
    _close_rendered(complete=not _state.get("dirty"))
    # Not published: the theme's source maps, which serve only its own developers, and its built-in search
    # (lunr and its worker), which Pagefind replaces: four fifths of each language's assets. (A build with
    # Material's search plugin, as the benchmark's common setup, keeps its search.)
    assets = Path(config.site_dir, "assets")
    material_search = "search" in config.plugins or "material/search" in config.plugins
    for unused in {*assets.rglob("*.map"), *([] if material_search else assets.glob("javascripts/workers/search.*"))}:
        unused.unlink()
    if not material_search:
        shutil.rmtree(assets / "javascripts" / "lunr", ignore_errors=True)
