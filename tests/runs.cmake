# The runtime built on registry fixtures rather than the registry of the
# build, for behaviour the real registry does not exercise.  Included from
# tests/CMakeLists.txt.

# portreg_add_fixture_check(NAME SOURCE FIXTURE): a Check suite built with
# the runtime's sources (lib/CMakeLists.txt) and the table the compiler
# writes for tests/data/good/FIXTURE, not against libportreg.
# The real protocol-numbers table goes with every fixture: the runtime
# needs one, and no fixture is about it.
set_source_files_properties("${PORTREG_PROTOCOLS_TABLE_C}" PROPERTIES GENERATED TRUE)
function(portreg_add_fixture_check name source fixture)
  set(_xml "${CMAKE_CURRENT_SOURCE_DIR}/data/good/${fixture}")
  set(_table "${CMAKE_CURRENT_BINARY_DIR}/${name}_table.c")
  add_custom_command(
    OUTPUT "${_table}"
    COMMAND portreg-compile --quiet ${PORTREG_PROFILE_COMPILE_FLAG} "${_xml}" "${_table}"
    DEPENDS ${PORTREG_COMPILER_DEPENDS} "${_xml}"
    COMMENT "Compiling the registry fixture ${fixture}"
    VERBATIM)
  add_executable(${name} ${source} ${PORTREG_RUNTIME_PATHS} "${_table}"
                 "${PORTREG_PROTOCOLS_TABLE_C}")
  add_dependencies(${name} portreg_objects) # generates portreg_protocols.c
  target_include_directories(${name} PRIVATE
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/lib")
  target_link_libraries(${name} PRIVATE PkgConfig::CHECK)
  target_compile_options(${name} PRIVATE -Wall -Wextra)
  target_compile_definitions(${name} PRIVATE ${PORTREG_PROFILE_DEFINITIONS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "CK_VERBOSITY=normal" LABELS check)
endfunction()

# _all on a fixture whose runs the table must list (tests/check_runs.c).
portreg_add_fixture_check(check_runs check_runs.c scattered_runs.xml)

# portreg_parse_service on names with more name-only records before their
# port than a fixed buffer held (tests/check_service.c); check_service runs
# the same suite on the registry of the build.
portreg_add_fixture_check(check_service_fixture check_service.c name_only_first.xml)
target_compile_definitions(check_service_fixture PRIVATE PORTREG_TEST_FIXTURE)

# Each record keeps its own set of people, however long their ids
# (tests/check_parties.c).
portreg_add_fixture_check(check_parties check_parties.c long_party_keys.xml)
