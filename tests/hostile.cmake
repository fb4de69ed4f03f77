# Robustness suites (issue 7; docs/ROBUSTNESS.md): hostile registries at build
# time, hostile input at run time, threads.  Included from tests/CMakeLists.txt.

find_package(Python3 REQUIRED COMPONENTS Interpreter)
find_package(Threads REQUIRED)

# Every tests/data/bad/*.xml must be refused with "file:line: ..." and leave
# no output behind; every tests/data/good/*.xml must compile, and its table
# must compile as C99.
add_test(NAME hostile_registries
  COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/hostile/run_registries.py"
          $<TARGET_FILE:portreg-compile> "${CMAKE_CURRENT_SOURCE_DIR}/data"
          "${CMAKE_C_COMPILER}" "${PROJECT_SOURCE_DIR}/lib" "${PROJECT_SOURCE_DIR}/include")
set_tests_properties(hostile_registries PROPERTIES TIMEOUT 600)

# Every public function fed NULLs, junk and tiny buffers.
portreg_add_check(check_hostile check_hostile.c)

# 8 threads x 10^6 lookups and tuple operations, answers compared with one thread's.
portreg_add_check(check_threads check_threads.c LIBS Threads::Threads)
set_tests_properties(check_threads PROPERTIES TIMEOUT 900)
