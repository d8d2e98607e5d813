"""The pages at the site's root, outside the three language sites: the language chooser, which also
sends readers on to the language of their browser (Finnish when none matches), and the not-found page."""
from __future__ import annotations

from . import LANGS
from .markdown import attr
from .strings import t

STYLE = ("body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; "
         "line-height: 1.5; } li { margin: .5rem 0; font-size: 1.2rem; }")


def _document(title_key: str, head: str, main: str) -> str:
    """A small stand-alone page in all three languages; its title joins the three titles."""
    title = " · ".join(attr(t(lg, title_key)) for lg in LANGS)
    return f"""<!doctype html>
<html lang="fi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{title}</title>
{head}  <style>{STYLE}</style>
</head>
<body>
  <main>
{main}
  </main>
</body>
</html>
"""


def html_page() -> str:
    links = "\n".join(f'      <li><a href="{lg}/" hreflang="{lg}" lang="{lg}">{attr(t(lg, "site_name"))} – '
                      f'{attr(t(lg, "language_name"))}</a></li>' for lg in LANGS)
    head = "".join(f'  <link rel="alternate" hreflang="{lg}" href="{lg}/">\n' for lg in LANGS) + f"""\
  <link rel="alternate" hreflang="x-default" href="./">
  <script>
    (function () {{
      var langs = {list(LANGS)!r};
      var wanted = (navigator.languages || [navigator.language || ""]).map(function (l) {{ return String(l).slice(0, 2).toLowerCase(); }});
      var pick = wanted.filter(function (l) {{ return langs.indexOf(l) >= 0; }})[0] || "fi";
      location.replace(pick + "/");
    }})();
  </script>
"""
    heading = " / ".join(f'<span lang="{lg}">{attr(t(lg, "choose_language"))}</span>' for lg in LANGS)
    return _document("site_name", head, f"    <h1>{heading}</h1>\n    <ul>\n{links}\n    </ul>")


def not_found_page(base: str) -> str:
    """The root 404 page, which hosts such as GitHub Pages serve for any missing address: in all
    three languages, since the address may have been in any of them. Links are absolute (`base` is the
    site's root address), because the page is served at whatever address was missing."""
    blocks = "\n".join(
        f'''    <section lang="{lg}">
      <h2>{attr(t(lg, "not_found_title"))}</h2>
      <p>{attr(t(lg, "not_found_text"))}</p>
      <p><a href="{base}{lg}/">{attr(t(lg, "home"))}</a> · <a href="{base}{lg}/search/">{attr(t(lg, "search"))}</a> · <a href="{base}{lg}/cases/">{attr(t(lg, "cases"))}</a></p>
    </section>''' for lg in LANGS)
    return _document("not_found_title", "", blocks)
