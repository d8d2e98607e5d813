#!/usr/bin/env python3
"""Build the whole site: validate, build fi, sv and en with MkDocs as three processes at once,
write the root language chooser, index everything with Pagefind, then swap the result into place.
A failure at any step leaves the previous site untouched: nothing is published half-built.

    build.py [--out DIR]        build into DIR (default: site/)
    build.py --pages DIR        only write the generated Markdown sources to DIR/<lang>/ (for other engines)
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from kb import LANGS, csp, export, morphology, open_data, repository, root_page, search_index, site_root_url
from kb.diagnostics import locale_language, report, say


ROOT = Path(__file__).resolve().parent.parent


def source_date_epoch(content_root: Path) -> dict[str, str]:
    """MkDocs dates the sitemap (<lastmod>, and the time inside sitemap.xml.gz) with the build day unless
    SOURCE_DATE_EPOCH is set: use the time of the last commit, so that a commit always builds the same."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return {}
    result = subprocess.run(["git", "-C", str(content_root), "log", "-1", "--format=%ct"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return {"SOURCE_DATE_EPOCH": result.stdout.strip()} if result.returncode == 0 and result.stdout.strip() else {}


def _build_one(lang: str, staging: Path, log: Path) -> int:
    """One language's MkDocs build and its part of the search index (the pages' copies to index, in
    `copies`, and the form → key map), in a forked child: it shares the repository the parent loaded
    and validated (kb.repository.preload) and the modules it imported. Its messages go to `log`."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.environ["KB_LANG"] = lang
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s", stream=sys.stderr, force=True)
    try:
        mkdocs_build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(staging / lang), strict=True))
        index(staging, lang)
        return 0
    except search_index.IndexFailed as e:
        print(f"Pagefind failed:\n{e}", file=sys.stderr)
        return 1
    except Exception as e:   # Abort, ConfigurationError or a theme error: a message and exit status 1
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1


def build_languages(content_root: Path, staging: Path, repo) -> bool:
    """The languages built at once, one forked process each, after loading and validating once."""
    os.environ.update(NO_MKDOCS_2_WARNING="1", KB_CONTENT_ROOT=str(content_root), **source_date_epoch(content_root))
    repository.preload(content_root, repo)
    children, logs = {}, {lang: staging.parent / f"{staging.name}-{lang}.log" for lang in LANGS}
    sys.stdout.flush()
    sys.stderr.flush()
    # A stop signal waits until every child is forked and known, so that the clean-up below finds them all.
    unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        for lang in LANGS:
            pid = os.fork()
            if pid == 0:   # the child never returns into this function's caller
                code = 1
                try:
                    signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
                    code = _build_one(lang, staging, logs[lang])
                finally:
                    os._exit(code)
            children[pid] = lang
        signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
        ok = True
        while children:
            pid, status = os.wait()
            lang = children.pop(pid)
            if os.waitstatus_to_exitcode(status) != 0:
                ok = False
                output = logs[lang].read_text(encoding="utf-8", errors="replace")
                problems = "\n".join(ln for ln in output.splitlines() if not ln.startswith(("INFO", "  - ")))
                print(f"--- MkDocs build of '{lang}' failed:\n{problems}", file=sys.stderr)
        return ok
    finally:   # stopped: no build may go on writing into the staging folder being removed
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)   # a second Ctrl+C waits until this is done
        try:
            _stop_children(children)
        finally:
            for log in logs.values():
                log.unlink(missing_ok=True)
            signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)


def _stop_children(children: dict) -> None:
    """Stop the language builds still running: SIGTERM first, which a build takes as Ctrl+C and which
    stops the Pagefind it may be running; SIGKILL for any still there after GRACE seconds (a child stopped
    by SIGSTOP, which nothing but SIGKILL ends). A child already reaped (a signal came just after os.wait
    returned it) is left alone: its number may already be another process's."""
    waiting = {pid for pid in children if _running(pid)}
    for pid in waiting:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    while waiting and time.monotonic() < deadline:
        waiting = {pid for pid in waiting if _running(pid)}
        time.sleep(0.02 if waiting else 0)
    for pid in waiting:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _running(pid: int) -> bool:
    """Whether a forked child has not ended; one that has is reaped here."""
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:   # reaped already
        return False


def copies(staging: Path, lang: str) -> Path:
    """Where a language's build leaves the copies of its pages for its search index."""
    return staging.parent / f"{staging.name}-index-{lang}"


def index(staging: Path, lang: str) -> None:
    """A language's search index (kb/search_index.py), in its own build process: its copies of the pages
    with the words' keys, its form → key map, and Pagefind's index of the copies."""
    try:
        search_index.prepare(staging, lang, search_index.analysers()[lang], copies(staging, lang))
        search_index.index(copies(staging, lang), search_index.bundle(staging, lang))
    finally:
        shutil.rmtree(copies(staging, lang), ignore_errors=True)


def swap(staging: Path, out: Path) -> None:
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


STOPS = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
GRACE = 5   # seconds a stopped language build has to stop its Pagefind and end


def _stop(signum, frame):
    """A build stopped by a signal (Ctrl+C, a cancelled CI job) still runs its clean-up."""
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv=None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGHUP, _stop)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository whose content to build (default: this one)")
    parser.add_argument("--pages", type=Path, help="write generated Markdown sources here instead of building")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    content_root = args.root.resolve()
    repo, diags = repository.load(content_root)
    if diags:
        lang = locale_language()
        report(diags, sys.stdout, lang)
        print(say("nothing_built", lang, n=len(diags)), file=sys.stderr)
        return 1
    if args.pages:
        for lang in LANGS:
            n = export.write(content_root, repo, lang, args.pages.resolve() / lang, f"{site_root_url()}{lang}/")
            print(f"{lang}: {n} files written to {args.pages / lang}")
        return 0
    try:
        search_index.analysers()   # before anything is built: a missing analyser stops the build at once
    except morphology.MorphologyUnavailable as e:
        print(f"--- Search cannot be built: {e}", file=sys.stderr)
        return 1
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out.parent))
    try:
        if not build_languages(content_root, staging, repo):
            return 1
        (staging / "index.html").write_text(csp.add_policy(root_page.html_page()), encoding="utf-8")
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        for path, text in open_data.files(repo, site_root_url()).items():   # /data/: the whole site's, not a language's
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_text(text, encoding="utf-8")
        (staging / "404.html").write_text(csp.add_policy(root_page.not_found_page(site_root_url())), encoding="utf-8")  # hosts serve the root one
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(staging, 0o777 & ~mask)   # mkdtemp's 0700 would keep a web server from reading the copied site
        swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for lang in LANGS:
            shutil.rmtree(copies(staging, lang), ignore_errors=True)
    print(f"built {len(repo.cases)} cases and {len(repo.guidelines)} guidelines in {', '.join(LANGS)} "
          f"into {out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
