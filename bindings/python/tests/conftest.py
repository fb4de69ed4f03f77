"""Fixtures of the tests.

Environment: PORTREG_LIBRARY (the built libportreg.so.1; without it the
package finds the installed library) and PORTINFO (the built portinfo, the
reference the comparisons call; without it, `portinfo` on PATH, else those
tests skip, saying so).  CTest sets both (tests/python.cmake) and puts the
package's src/ first on PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any, Callable, Dict, List, Optional

import pytest

PortinfoJson = Callable[..., List[Dict[str, Any]]]


def _portinfo_path() -> Optional[str]:
    explicit = os.environ.get("PORTINFO")
    if explicit:
        return explicit  # set: it must work, never a skip
    return shutil.which("portinfo")


@pytest.fixture(scope="session")
def portinfo() -> str:
    path = _portinfo_path()
    if path is None:
        pytest.skip("no portinfo to compare with: set PORTINFO to the built portinfo")
    return path


@pytest.fixture(scope="session")
def portinfo_json(portinfo: str) -> PortinfoJson:
    """The JSON Lines `portinfo --json ARGS` prints (exit 0 or 1 both fine)."""

    def run(*args: str, stdin: Optional[str] = None) -> List[Dict[str, Any]]:
        proc = subprocess.run([portinfo, "--json", *args], input=stdin, capture_output=True,
                              text=True, check=False)
        if proc.returncode not in (0, 1):
            raise AssertionError(f"portinfo {args[:3]}... exited {proc.returncode}: "
                                 f"{proc.stderr}")
        return [json.loads(line) for line in proc.stdout.splitlines()]

    return run
