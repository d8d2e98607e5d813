import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT))


@pytest.fixture
def repo():
    """The small valid repository in tests/corpus/good, loaded."""
    from kb import repository
    loaded, diags = repository.load(CORPUS / "good")
    assert diags == []
    return loaded


@pytest.fixture
def good_repo(tmp_path) -> Path:
    """A copy of the small valid repository in tests/corpus/good."""
    shutil.copytree(CORPUS / "good", tmp_path / "repo")
    return tmp_path / "repo"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real site, built once per test session into a temporary folder: (site folder, repository)."""
    from kb import repository
    out = tmp_path_factory.mktemp("built") / "site"
    content = Path(os.environ.get("KB_CONTENT_ROOT") or ROOT)   # another content repository, if given
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(content), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    repo, diags = repository.load(content)
    assert not diags
    return out, repo
