"""No input makes the validator crash: thousands of mangled versions of a valid file each yield
diagnostics or pass, never an exception."""
import random
import shutil

import pytest

from conftest import CORPUS
from kb import repository

GOOD = (CORPUS / "good" / "cases" / "example-case" / "fi.md").read_bytes()
NASTY = [b"\x00", b"\xff", b"\t", b"\r", b"---\n", b"&a ", b"*a", b"!!", b"{", b"[", b"]", b":", b"- ", b"\n  ",
         b"'", b'"', b"<script>", b"# ", b"## ", b"? ", b"|", b">", b"%", b"@", b"`", b"\xef\xbb\xbf", b"\xe4"]


def mangle(rnd: random.Random) -> bytes:
    data = bytearray(GOOD)
    for _ in range(rnd.randint(1, 6)):
        pos = rnd.randrange(len(data) + 1)
        op = rnd.random()
        if op < 0.4:
            data[pos:pos] = rnd.choice(NASTY)
        elif op < 0.7:
            del data[pos:pos + rnd.randint(1, 40)]
        else:
            start = rnd.randrange(len(data) + 1)
            data[pos:pos] = data[start:start + rnd.randint(1, 60)]
    return bytes(data)


@pytest.mark.parametrize("seed", range(8))
def test_mangled_files_never_crash(tmp_path, seed):
    rnd = random.Random(seed)
    folder = tmp_path / "cases" / "x"
    folder.mkdir(parents=True)
    shutil.copy(CORPUS / "good" / "cases" / "example-case" / "en.md", folder / "en.md")
    for _ in range(150):
        (folder / "fi.md").write_bytes(mangle(rnd))
        repo, diags = repository.load(tmp_path)          # must not raise
        assert diags or len(repo.cases) == 1
        for d in diags:
            assert d.line >= 1 and d.col >= 1 and d.message and d.fix
