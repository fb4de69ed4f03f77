"""PortregError and strerror()."""

from __future__ import annotations

from ._args import c_int
from ._clib import lib, text


def strerror(code: int) -> str:
    """The library's message for a PORTREG_E* code (any C int; an int that
    does not fit one is refused, rather than read as another code)."""
    return text(lib.portreg_strerror(c_int(code, "error code")))


class PortregError(ValueError):
    """A PORTREG_E* code from the library.  A ValueError, since every such
    error comes from a value the library rejected.  `code` is the code
    (compare with portreg.EINVAL and the like), `message` the library's
    message."""

    def __init__(self, code: int, what: str = "") -> None:
        self.code = code
        self.message = strerror(code)
        super().__init__(f"{what}: {self.message}" if what else self.message)
