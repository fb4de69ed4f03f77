# The Python package, bindings/python (issue 15).  Included from
# tests/CMakeLists.txt, which has already found Python3::Interpreter.
#  - cli_python_binding: its pytest suite, against the build's library and
#    portinfo's answers.  (The name is the one the ctypes example's test had;
#    .ci/sanitizers.sh leaves it out, as python3 cannot load an ASan library.)
#  - python_mypy: mypy --strict on the package and its tests.
#  - python_package_version: the package's version is the header's.
#  - python_pip_install (slow): pip installs it offline into a fresh venv.
# pytest and mypy may be installed for another interpreter than the one
# CMake found first (a pyenv or venv python3 ahead of the system's): each is
# looked for in that one, then in the system's /usr/bin/python3.
set(_pydir "${PROJECT_SOURCE_DIR}/bindings/python")

set(_py_candidates "${Python3_EXECUTABLE}")
find_program(PORTREG_SYSTEM_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
mark_as_advanced(PORTREG_SYSTEM_PYTHON3)
if(PORTREG_SYSTEM_PYTHON3)
  list(APPEND _py_candidates "${PORTREG_SYSTEM_PYTHON3}")
endif()
# portreg_python_with(VAR module): the first candidate that imports `module`.
function(portreg_python_with var module)
  foreach(_py IN LISTS _py_candidates)
    execute_process(COMMAND "${_py}" -c "import ${module}"
                    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
    if(_rc EQUAL 0)
      set(${var} "${_py}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${var} "" PARENT_SCOPE)
endfunction()

# Writes no bytecode into the source tree, and pytest no cache.
set(_py_env "PYTHONPATH=${_pydir}/src" "PYTHONDONTWRITEBYTECODE=1")

portreg_python_with(_pytest_python pytest)
if(NOT PORTREG_SHARED)
  # tests/CMakeLists.txt has said that the Python tests are off
elseif(NOT TARGET portinfo)
  message(STATUS "portreg: the Python package's tests are off: they compare with portinfo "
                 "(PORTREG_BUILD_EXAMPLES=ON)")
elseif(NOT _pytest_python)
  message(STATUS "portreg: pytest not found: the Python package's tests are off "
                 "(Debian: python3-pytest)")
else()
  add_test(NAME cli_python_binding
    COMMAND "${_pytest_python}" -m pytest -q -p no:cacheprovider "${_pydir}/tests"
    WORKING_DIRECTORY "${_pydir}")
  # The compiler's view of portreg.h's structs and codes, which the
  # package's ctypes declarations must match.
  add_executable(portreg-layouts python/layouts.c)
  target_link_libraries(portreg-layouts PRIVATE portreg)
  set_tests_properties(cli_python_binding PROPERTIES ENVIRONMENT
    "${_py_env};PORTREG_LIBRARY=$<TARGET_FILE:portreg>;PORTINFO=$<TARGET_FILE:portinfo>;PORTREG_PROFILE=${PORTREG_PROFILE};PROTOCOLS_XML=${PORTREG_PROTOCOLS};PORTREG_LAYOUTS=$<TARGET_FILE:portreg-layouts>")
endif()

portreg_python_with(_mypy_python mypy)
if(NOT _mypy_python)
  message(STATUS "portreg: mypy not found: the Python package's type check is off "
                 "(Debian: python3-mypy)")
else()
  # The tests too, when that interpreter has pytest (their types come from it).
  set(_mypy_paths "${_pydir}/src/portreg")
  if(_mypy_python STREQUAL _pytest_python)
    list(APPEND _mypy_paths "${_pydir}/tests")
  endif()
  add_test(NAME python_mypy
    COMMAND "${_mypy_python}" -m mypy --strict
            --cache-dir "${CMAKE_CURRENT_BINARY_DIR}/mypy_cache" ${_mypy_paths}
    WORKING_DIRECTORY "${_pydir}")
  set_tests_properties(python_mypy PROPERTIES ENVIRONMENT "${_py_env}")
endif()

add_test(NAME python_package_version
  COMMAND ${CMAKE_COMMAND} "-DHEADER=${PORTREG_HEADER}"
          "-DVERSION_PY=${_pydir}/src/portreg/_version.py"
          -P "${CMAKE_CURRENT_SOURCE_DIR}/python_version.cmake")

# The system's python3 has venv, setuptools and wheel from Debian's packages
# (python3-venv, python3-setuptools, python3-wheel).
portreg_python_with(_venv_python "venv, setuptools, wheel, ensurepip")
if(NOT PORTREG_SHARED)
elseif(NOT _venv_python)
  message(STATUS "portreg: no python3 with venv, setuptools and wheel: the offline pip install "
                 "check is off (Debian: python3-venv python3-setuptools python3-wheel)")
else()
  add_test(NAME python_pip_install
    COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/python_pip_install.sh" "${_venv_python}"
            "${_pydir}" $<TARGET_FILE:portreg> "${CMAKE_CURRENT_BINARY_DIR}/pip_install")
  set_tests_properties(python_pip_install PROPERTIES LABELS slow)
endif()
