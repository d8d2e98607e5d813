import base64
import hashlib

from kb import csp

PAGE = ('<!doctype html><html><head><script>var a=1</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a":1}</script><script type="module">b()</script></head><body></body></html>')


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_policy_lists_only_the_inline_scripts_that_run():
    assert csp.inline_script_hashes(PAGE) == [sha("var a=1"), sha("b()")]


def test_policy_is_the_first_element_of_head():
    out = csp.add_policy(PAGE)
    assert out.startswith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy"')
    policy = out.split('content="')[1].split('"')[0]
    for part in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "connect-src 'self'", sha("var a=1")):
        assert part in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_scripts_in_the_content_area_get_no_hash_unless_the_theme_wrote_them():
    theme = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
    page = ('<html><head><script>var a=1</script></head><body><main class="md-main"><nav><a href="#x">'
            f'<script>window.__pwned=1</script></a></nav><script>{theme}</script></main><script>var b=2</script></body></html>')
    hashes = csp.inline_script_hashes(page)
    assert sha("window.__pwned=1") not in hashes
    assert {sha("var a=1"), sha("var b=2"), sha(theme)} <= set(hashes)
