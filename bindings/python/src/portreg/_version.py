"""The package's version: the one place it is written.

pyproject.toml reads __version__ from here (setuptools' dynamic version,
which parses this file without importing the package).  It follows the C
library's version in include/portreg.h (CTest's python_package_version
checks that they are equal).
"""

__version__ = "1.1.0"

#: The oldest C library this binding runs on, (major, minor): it calls
#: functions added in 1.1 (portreg_reason_name, portreg_tuple_orient_ext,
#: the protocol-numbers registry).  Any later 1.x library serves it.
LIBRARY_REQUIRED = (1, 1)
