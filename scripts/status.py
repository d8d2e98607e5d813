#!/usr/bin/env python3
"""The editors' overview in the terminal (make status): per case and guideline its languages, missing
and outdated translations, and when it was last reviewed; cases per evidence level, pillar and region.
The site's status page shows the same (kb/status.py). Usage: status.py [--root DIR]"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kb import repository, status
from kb.diagnostics import report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    repo, diags = repository.load(args.root.resolve())
    if diags:
        report(diags, sys.stdout)
        return 1
    print(status.report(repo, dt.date.today()), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
