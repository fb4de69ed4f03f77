# The test suites: Check suites and scripts run by CTest (tests/).  Check is
# looked up here, and only here: without it the library, portinfo and the
# man pages still build, and CMake says in one line why the tests are off.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(CHECK QUIET IMPORTED_TARGET check)
endif()
if(NOT CHECK_FOUND)
  message(STATUS "portreg: tests are off: the Check unit-test library was not found "
                 "(Debian: apt-get install check pkg-config)")
  return()
endif()

enable_testing()
add_subdirectory(tests)
