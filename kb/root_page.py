"""The site's root page: a plain choice of three languages that also sends the reader on to the
language of their browser (Finnish when none matches)."""
from __future__ import annotations

from . import LANGS
from .markdown import attr
from .strings import t


def html_page() -> str:
    links = "\n".join(f'      <li><a href="{lg}/" hreflang="{lg}" lang="{lg}">{attr(t(lg, "site_name"))} – {attr(t(lg, "language_name"))}</a></li>'
                      for lg in LANGS)
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{lg}" href="{lg}/">' for lg in LANGS)
    return f"""<!doctype html>
<html lang="fi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{attr(t("fi", "site_name"))} · {attr(t("sv", "site_name"))} · {attr(t("en", "site_name"))}</title>
{alternates}
  <link rel="alternate" hreflang="x-default" href="./">
  <script>
    (function () {{
      var langs = {list(LANGS)!r};
      var wanted = (navigator.languages || [navigator.language || ""]).map(function (l) {{ return String(l).slice(0, 2).toLowerCase(); }});
      var pick = wanted.filter(function (l) {{ return langs.indexOf(l) >= 0; }})[0] || "fi";
      location.replace(pick + "/");
    }})();
  </script>
  <style>body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }} li {{ margin: .5rem 0; font-size: 1.2rem; }}</style>
</head>
<body>
  <main>
    <h1 lang="fi">{attr(t("fi", "choose_language"))} / <span lang="sv">{attr(t("sv", "choose_language"))}</span> / <span lang="en">{attr(t("en", "choose_language"))}</span></h1>
    <ul>
{links}
    </ul>
  </main>
</body>
</html>
"""
