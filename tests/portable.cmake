# Builds that must answer like the library itself (docs/PORTABILITY.md):
# portreg-answers (tests/portable/answers.c) prints every answer, and
# .ci/cross.sh compares a native run with runs of cross builds.  Here the
# amalgamation is compiled as C99 with -pedantic and every warning an
# error, and must answer like the library.  Included from
# tests/CMakeLists.txt.

add_executable(portreg-answers portable/answers.c)
target_link_libraries(portreg-answers PRIVATE portreg)
target_compile_options(portreg-answers PRIVATE ${PORTREG_C_WARNINGS} ${PORTREG_C_WERROR})

# A consumer's first questions (https, ssh, X11, Microsoft-DS), for builds
# that run elsewhere; here too, so that it is known to build and pass.
add_executable(portreg-well-known portable/well_known.c)
target_link_libraries(portreg-well-known PRIVATE portreg)
target_compile_options(portreg-well-known PRIVATE ${PORTREG_C_WARNINGS} ${PORTREG_C_WERROR})
add_test(NAME well_known COMMAND portreg-well-known)

# The amalgamation, compiled here as a user would: no include path but its
# own directory, no definitions, strictly standard C.
set(_amalgam_c "${PORTREG_AMALGAMATION_DIR}/portreg.c")
set_source_files_properties("${_amalgam_c}" PROPERTIES GENERATED TRUE)
add_executable(portreg-answers-amalgamated portable/answers.c "${_amalgam_c}")
add_dependencies(portreg-answers-amalgamated amalgamation)
target_include_directories(portreg-answers-amalgamated BEFORE PRIVATE "${PORTREG_AMALGAMATION_DIR}")
set_target_properties(portreg-answers-amalgamated PROPERTIES C_EXTENSIONS OFF)
include(CheckCCompilerFlag)
check_c_compiler_flag(-pedantic PORTREG_CC_HAS_PEDANTIC)
if(PORTREG_CC_HAS_PEDANTIC)
  target_compile_options(portreg-answers-amalgamated PRIVATE -pedantic -Wall -Wextra -Werror)
endif()
add_test(NAME amalgamation_answers
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/portable/same_answers.sh"
          $<TARGET_FILE:portreg-answers> $<TARGET_FILE:portreg-answers-amalgamated>)

# And with clang, when the project is built with another compiler.
find_program(PORTREG_CLANG clang)
if(PORTREG_CLANG AND NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  add_test(NAME amalgamation_clang
    COMMAND "${PORTREG_CLANG}" -std=c99 -pedantic -Wall -Wextra -Werror -c "${_amalgam_c}"
            -o "${CMAKE_CURRENT_BINARY_DIR}/amalgamation-clang.o")
else()
  message(STATUS "portreg: the amalgamation is compiled with ${CMAKE_C_COMPILER_ID} only "
                 "(no clang beside it)")
endif()

# The small profile (PORTREG_PROFILE=small, issue 13): built once more on
# its own, it must answer every lookup as this build does, and its stripped
# size is reported (and at most 256 KiB).  From a full shared build only;
# it builds the library again: slow.
if(PORTREG_PROFILE STREQUAL "full" AND PORTREG_SHARED AND NOT CMAKE_CROSSCOMPILING)
  add_test(NAME small_profile
    COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/portable/small_profile.sh" "${PROJECT_SOURCE_DIR}"
            "${PROJECT_BINARY_DIR}/small-profile" "${PORTREG_REGISTRY}" "${CMAKE_C_COMPILER}"
            $<TARGET_FILE:portreg-answers> $<TARGET_FILE:portreg>)
  set_tests_properties(small_profile PROPERTIES TIMEOUT 900 LABELS slow)
endif()
