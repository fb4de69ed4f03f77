# cmake -DHEADER=include/portreg.h -DVERSION_PY=bindings/python/src/portreg/_version.py -P
# The Python package's version (its one place, _version.py) is the C
# library's (the PORTREG_VERSION_* macros of the header).
file(READ "${HEADER}" _header)
foreach(_part MAJOR MINOR PATCH)
  if(NOT _header MATCHES "#define PORTREG_VERSION_${_part} ([0-9]+)")
    message(FATAL_ERROR "${HEADER}: no PORTREG_VERSION_${_part}")
  endif()
  list(APPEND _c "${CMAKE_MATCH_1}")
endforeach()
string(REPLACE ";" "." _c "${_c}")
file(READ "${VERSION_PY}" _py)
if(NOT _py MATCHES "\n__version__ = \"([^\"]*)\"")
  message(FATAL_ERROR "${VERSION_PY}: no __version__ = \"...\" line")
endif()
set(_p "${CMAKE_MATCH_1}")
if(NOT _p STREQUAL _c)
  message(FATAL_ERROR "the Python package is version ${_p} (${VERSION_PY}), "
                      "the C library ${_c} (${HEADER}): make them equal")
endif()
message(STATUS "the Python package and the C library are both version ${_c}")
