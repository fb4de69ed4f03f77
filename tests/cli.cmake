# portinfo and the man pages (issue 6); the Python package's tests are in
# python.cmake.  Included from tests/CMakeLists.txt, which has already found
# Python3::Interpreter.
set(_cli "${CMAKE_CURRENT_SOURCE_DIR}/cli")

# ---- portinfo: one CTest case per TestCase class of test_portinfo.py ----
if(TARGET portinfo)
  # Libraries test_portinfo.py preloads into portinfo to make what a
  # command line cannot: memory running out, registry text with control
  # characters.  They need glibc (the second also a shared libportreg to
  # stand in for) and cannot go with a sanitizer, whose runtime must come
  # first in the process; without them those tests skip.
  set(_portinfo_env "PORTINFO=$<TARGET_FILE:portinfo>" "PORTREG_PROFILE=${PORTREG_PROFILE}")
  include(CheckSymbolExists)
  set(CMAKE_REQUIRED_QUIET ON)
  check_symbol_exists(__GLIBC__ "stdlib.h" PORTREG_HAVE_GLIBC)
  unset(CMAKE_REQUIRED_QUIET)
  if(PORTREG_HAVE_GLIBC AND NOT CMAKE_C_FLAGS MATCHES "-fsanitize")
    add_library(portinfo_fail_malloc MODULE "${_cli}/fail_malloc.c")
    target_compile_options(portinfo_fail_malloc PRIVATE ${PORTREG_C_WARNINGS} ${PORTREG_C_WERROR})
    list(APPEND _portinfo_env "PORTINFO_FAIL_MALLOC=$<TARGET_FILE:portinfo_fail_malloc>")
    if(PORTREG_SHARED)
      add_library(portinfo_hostile_text MODULE "${_cli}/hostile_text.c")
      target_include_directories(portinfo_hostile_text PRIVATE "${PROJECT_SOURCE_DIR}/include")
      target_compile_options(portinfo_hostile_text PRIVATE
        ${PORTREG_C_WARNINGS} ${PORTREG_C_WERROR})
      list(APPEND _portinfo_env "PORTINFO_HOSTILE_TEXT=$<TARGET_FILE:portinfo_hostile_text>")
    endif()
  endif()
  foreach(_case Queries Options Long Json Flow FlowEvidence Color Status Untrusted Sources)
    string(TOLOWER "${_case}" _lower)
    add_test(NAME cli_portinfo_${_lower}
      COMMAND Python3::Interpreter "${_cli}/test_portinfo.py" ${_case})
    set_tests_properties(cli_portinfo_${_lower} PROPERTIES ENVIRONMENT "${_portinfo_env}")
  endforeach()

  # --protocol, keywords in --flow and --export, against the protocol XML.
  add_test(NAME cli_portinfo_protocols
    COMMAND Python3::Interpreter "${_cli}/test_portinfo_protocols.py")
  set_tests_properties(cli_portinfo_protocols PROPERTIES
    ENVIRONMENT "PORTINFO=$<TARGET_FILE:portinfo>;PROTOCOLS_XML=${PORTREG_PROTOCOLS};PORTREG_PROFILE=${PORTREG_PROFILE}")
endif()

# ---- man pages ----
set(_man "${PROJECT_SOURCE_DIR}/docs/man")
# Every PORTREG_API function has a page with the required sections; every
# portinfo option is documented.
if(TARGET portinfo)
  add_test(NAME cli_man_pages
    COMMAND Python3::Interpreter "${_cli}/check_man.py" pages
            "${PORTREG_HEADER}" "${_man}" $<TARGET_FILE:portinfo>)
else()
  add_test(NAME cli_man_pages
    COMMAND Python3::Interpreter "${_cli}/check_man.py" pages "${PORTREG_HEADER}" "${_man}")
endif()
# mandoc -Tlint (Debian: apt-get install mandoc), else groff -ww.
add_test(NAME cli_man_lint
  COMMAND Python3::Interpreter "${_cli}/check_man.py" lint "${_man}")
set_tests_properties(cli_man_lint PROPERTIES SKIP_REGULAR_EXPRESSION "^SKIP:")
# The EXAMPLES of every section 3 page compile warning-free and run.
add_test(NAME cli_man_examples
  COMMAND Python3::Interpreter "${_cli}/check_man.py" examples
          "${PORTREG_HEADER}" "${_man}" "${CMAKE_C_COMPILER}" $<TARGET_FILE_DIR:portreg>)
# Installing docs/man gives every function its own page name.
add_test(NAME cli_man_install
  COMMAND sh "${_cli}/man_install.sh" "${PROJECT_SOURCE_DIR}" "${CMAKE_COMMAND}"
          "${Python3_EXECUTABLE}")
