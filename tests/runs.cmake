# check_runs: the runtime built on a fixture whose runs the table must list
# (tests/check_runs.c).  Included from tests/CMakeLists.txt.

set(_runs_fixture "${CMAKE_CURRENT_SOURCE_DIR}/data/good/scattered_runs.xml")
set(_runs_table "${CMAKE_CURRENT_BINARY_DIR}/scattered_runs_table.c")
add_custom_command(
  OUTPUT "${_runs_table}"
  COMMAND portreg-compile --quiet "${_runs_fixture}" "${_runs_table}"
  DEPENDS ${PORTREG_COMPILER_DEPENDS} "${_runs_fixture}"
  COMMENT "Compiling the registry fixture scattered_runs.xml"
  VERBATIM)

# The runtime's sources (lib/CMakeLists.txt), with the fixture's table.
add_executable(check_runs check_runs.c ${PORTREG_RUNTIME_PATHS} "${_runs_table}")
target_include_directories(check_runs PRIVATE
  "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/lib")
target_link_libraries(check_runs PRIVATE PkgConfig::CHECK)
target_compile_options(check_runs PRIVATE -Wall -Wextra)
add_test(NAME check_runs COMMAND check_runs)
set_tests_properties(check_runs PROPERTIES ENVIRONMENT "CK_VERBOSITY=normal" LABELS check)
