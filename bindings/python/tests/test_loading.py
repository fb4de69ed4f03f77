"""Loading the library: the search order, ImportError (never OSError) with
what to install, the version check, the struct layout checks."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from typing import Dict, List, Optional, Tuple

import pytest

import portreg
from portreg import _clib
from portreg._version import LIBRARY_REQUIRED


def run_import(env_changes: Dict[str, str], flags: Optional[List[str]] = None) -> \
        "subprocess.CompletedProcess[str]":
    env = dict(os.environ)
    env.update(env_changes)
    code = ("try:\n    import portreg\nexcept ImportError as e:\n"
            "    print('ImportError:', e)\n    raise SystemExit(3)\n")
    return subprocess.run([sys.executable, *(flags or []), "-c", code], env=env,
                          capture_output=True, text=True, check=False)


def test_a_missing_library_is_an_import_error_that_says_what_to_install() -> None:
    proc = run_import({"PORTREG_LIBRARY": "/nonexistent/libportreg.so.1"})
    assert proc.returncode == 3, proc.stderr
    assert "libportreg1" in proc.stdout and "PORTREG_LIBRARY" in proc.stdout


def test_a_library_that_is_not_portreg_is_an_import_error() -> None:
    libc = ctypes.util.find_library("c") or "libc.so.6"
    proc = run_import({"PORTREG_LIBRARY": libc})
    assert proc.returncode == 3, proc.stderr
    assert "is not libportreg" in proc.stdout


class FakeCDLL:
    tried: List[str] = []

    def __init__(self, name: str) -> None:
        FakeCDLL.tried.append(name)
        raise OSError(f"{name}: cannot open shared object file")


def test_search_order_and_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes, "CDLL", FakeCDLL)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "libportreg.so.7")
    FakeCDLL.tried = []
    with pytest.raises(ImportError) as info:
        _clib.load({})
    assert FakeCDLL.tried == ["libportreg.so.7", "libportreg.so.1"]
    assert "libportreg1" in str(info.value)
    assert not isinstance(info.value, OSError)
    # PORTREG_LIBRARY comes first, and when it is set it is the answer
    FakeCDLL.tried = []
    with pytest.raises(ImportError) as info:
        _clib.load({"PORTREG_LIBRARY": "/x/libportreg.so.1"})
    assert FakeCDLL.tried == ["/x/libportreg.so.1"]
    assert "PORTREG_LIBRARY" in str(info.value)
    # no find_library answer: the soname alone
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    FakeCDLL.tried = []
    with pytest.raises(ImportError):
        _clib.load({"PORTREG_LIBRARY": ""})
    assert FakeCDLL.tried == ["libportreg.so.1"]


@pytest.mark.parametrize("number", [10000, 10099, 9999, 20000, 20100, 0])
def test_incompatible_versions_are_refused(number: int) -> None:
    with pytest.raises(ImportError, match="needs 1.x with x >= 1"):
        _clib.check_version(number)


@pytest.mark.parametrize("number", [10100, 10101, 10200, 19999])
def test_compatible_versions_are_taken(number: int) -> None:
    _clib.check_version(number)


def test_the_loaded_library_is_compatible() -> None:
    major, minor, _ = portreg.version_info()
    assert (major, minor) >= LIBRARY_REQUIRED and major == LIBRARY_REQUIRED[0]


def _compiled_header() -> List[List[str]]:
    """What the C compiler makes of portreg.h: the lines of
    tests/python/layouts.c (run from PORTREG_LAYOUTS), split into words."""
    program = os.environ.get("PORTREG_LAYOUTS")
    if not program:
        pytest.skip("PORTREG_LAYOUTS is not set: no compiled view of portreg.h to compare with")
    out = subprocess.run([program], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()]


def test_struct_layouts_are_those_of_the_header() -> None:
    # The declarations against the compiler's sizeof, alignment and
    # offsetof, struct by struct and field by field.
    compiled: Dict[str, Tuple[int, int, List[Tuple[str, int, int]]]] = {}
    current = ""
    for words in _compiled_header():
        if words[0] == "struct":
            current = words[1]
            compiled[current] = (int(words[2]), int(words[3]), [])
        elif words[0] == "field":
            compiled[current][2].append((words[1], int(words[2]), int(words[3])))
    names = {_clib.TupleStruct: "portreg_tuple", _clib.OrientationStruct: "portreg_orientation",
             _clib.OrientOptionsStruct: "portreg_orient_options"}
    assert set(names) == set(_clib.LAYOUTS) and set(names.values()) == set(compiled)
    for struct, layout in _clib.LAYOUTS.items():
        assert layout == compiled[names[struct]], names[struct]
        _clib.check_layout(struct, *layout)


def test_error_codes_are_those_of_the_header() -> None:
    header = {w[1]: int(w[2]) for w in _compiled_header() if w[0] == "error"}
    assert {"PORTREG_" + e.name: int(e) for e in portreg.Error} == header


class Wrong(ctypes.Structure):
    _fields_ = [("family", ctypes.c_uint8), ("proto", ctypes.c_uint32)]


def test_a_wrong_layout_is_refused() -> None:
    size, align, fields = _clib.LAYOUTS[_clib.TupleStruct]
    with pytest.raises(ImportError):
        _clib.check_layout(Wrong, size, align, fields)
    with pytest.raises(ImportError):
        _clib.check_layout(Wrong, ctypes.sizeof(Wrong), ctypes.alignment(Wrong), fields)


def test_the_checks_survive_python_O() -> None:
    # python -O strips assert statements; the checks are not asserts.
    code = ("import ctypes, portreg._clib as c\n"
            "class W(ctypes.Structure):\n    _fields_ = [('family', ctypes.c_uint8)]\n"
            "try:\n    c.check_layout(W, 64, 2, c.LAYOUTS[c.TupleStruct][2])\n"
            "except ImportError:\n    raise SystemExit(3)\n")
    proc = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 3, proc.stderr


def test_constants_are_the_library_s() -> None:
    # the flags the package defines are the ones the library names
    for flag, name in ((portreg.TCP, "tcp"), (portreg.UDP, "udp"), (portreg.SCTP, "sctp"),
                       (portreg.DCCP, "dccp")):
        assert int(_clib.lib.portreg_proto_from_name(name.encode())) == flag
        assert _clib.text(_clib.lib.portreg_proto_name(int(flag))) == name
    # every code has the library's own message (the values: the test above)
    messages = {_clib.text(_clib.lib.portreg_strerror(int(e))) for e in portreg.Error}
    assert len(messages) == len(portreg.Error) and "" not in messages
    assert sorted(portreg.ephemeral_ranges()) == [int(e) for e in portreg.Ephemeral]
