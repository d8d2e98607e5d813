import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT))


@pytest.fixture
def good_repo(tmp_path) -> Path:
    """A copy of the small valid repository in tests/corpus/good."""
    shutil.copytree(CORPUS / "good", tmp_path / "repo")
    return tmp_path / "repo"
