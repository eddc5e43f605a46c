"""Shared fixtures: the x12 tool, the sample data, a CLI runner."""
import json
import os
import subprocess

import pytest

SOURCE = os.environ.get("X12_SOURCE_DIR") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("X12_SHARED_DIR") or os.path.join(SOURCE, "..", "shared")
DATA = os.path.join(SOURCE, "examples", "data")
WEEK = os.path.join(DATA, "week")
BUILD = os.environ.get("X12_BUILD_DIR") or os.path.join(SOURCE, "build", "release")


@pytest.fixture(scope="session")
def tool():
    path = os.environ.get("X12_TOOL") or os.path.join(BUILD, "examples", "x12")
    if not os.path.exists(path):
        pytest.skip(f"the x12 tool is not built ({path})")
    return path


@pytest.fixture(scope="session")
def cli(tool):
    """cli(*args) -> (exit status, stdout bytes)."""

    def run(*args):
        p = subprocess.run([tool, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return p.returncode, p.stdout

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    def run(*args):
        code, out = cli(*args)
        return code, json.loads(out)

    return run


def corpus_files():
    """X12 files of ../shared/corpus (empty when it is absent)."""
    root = os.path.join(SHARED, "corpus")
    out = []
    if os.path.isdir(root):
        for d, _dirs, files in sorted(os.walk(root)):
            for f in sorted(files):
                if not f.endswith((".md", ".json")):
                    out.append(os.path.join(d, f))
    return out


@pytest.fixture
def scratch(tmp_path):
    return tmp_path
