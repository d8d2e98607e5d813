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
