# check_dispatch_static (tests/check_dispatch_static.c): the runtime and the
# real table in a fully static program, every function stack-protected,
# unoptimised; only where the library dispatches and a static libc exists
# (not under ASan or TSan, which cannot link statically).  Included from
# tests/CMakeLists.txt.

if(NOT (PORTREG_CPU_DISPATCH AND PORTREG_HAVE_POPCNT_DISPATCH))
  return()
endif()
include(CheckCSourceCompiles)
set(CMAKE_REQUIRED_LINK_OPTIONS -static)
set(CMAKE_REQUIRED_QUIET ON)
check_c_source_compiles("int main(void) { return 0; }" PORTREG_HAVE_STATIC_LINK)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
unset(CMAKE_REQUIRED_QUIET)
if(NOT PORTREG_HAVE_STATIC_LINK)
  message(STATUS "portreg: check_dispatch_static skipped: cannot link a static program here")
  return()
endif()

set_source_files_properties("${PORTREG_TABLE_C}" "${PORTREG_PROTOCOLS_TABLE_C}"
                            PROPERTIES GENERATED TRUE)

add_executable(check_dispatch_static check_dispatch_static.c ${PORTREG_RUNTIME_PATHS}
               "${PORTREG_TABLE_C}" "${PORTREG_PROTOCOLS_TABLE_C}")
add_dependencies(check_dispatch_static portreg_objects) # generates portreg_table.c
target_include_directories(check_dispatch_static PRIVATE
  "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/lib")
target_compile_definitions(check_dispatch_static PRIVATE PORTREG_POPCNT_DISPATCH
                           ${PORTREG_PROFILE_DEFINITIONS})
target_compile_options(check_dispatch_static PRIVATE -O0 -fstack-protector-all -Wall -Wextra)
target_link_options(check_dispatch_static PRIVATE -static)
add_test(NAME check_dispatch_static COMMAND check_dispatch_static)
