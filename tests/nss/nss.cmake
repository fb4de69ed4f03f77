# The NSS module (lib/nss, docs/NSS.md) and portinfo --export.  Included
# from tests/CMakeLists.txt.  The module is found by glibc through
# LD_LIBRARY_PATH; the tests that need their own nsswitch.conf run in a
# private mount namespace and skip (exit 77) where the machine refuses one.
if(NOT PORTREG_NSS)
  message(STATUS "portreg: the NSS tests are off (no NSS module in this build)")
  return()
endif()
set(_nss_dir "$<TARGET_FILE_DIR:nss_portreg>")

add_test(NAME nss_getent
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/nss/getent_test.sh" "${_nss_dir}")
set_tests_properties(nss_getent PROPERTIES SKIP_RETURN_CODE 77)

add_executable(check_nss nss/check_nss.c)
target_link_libraries(check_nss PRIVATE portreg nss_portreg PkgConfig::CHECK)
target_compile_options(check_nss PRIVATE ${PORTREG_C_WARNINGS} ${PORTREG_C_WERROR})
add_test(NAME check_nss COMMAND check_nss)
set_tests_properties(check_nss PROPERTIES SKIP_RETURN_CODE 77
  ENVIRONMENT "CK_VERBOSITY=normal;LD_LIBRARY_PATH=${_nss_dir}")

# portinfo --export read back by glibc's files backend (and musl's parser).
if(TARGET portinfo)
  add_executable(nss_dump nss/nss_dump.c)
  target_compile_options(nss_dump PRIVATE -Wall -Wextra)
  foreach(_mode quick full)
    add_test(NAME nss_export_${_mode}
      COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/nss/export_test.sh" ${_mode}
              $<TARGET_FILE:portinfo> $<TARGET_FILE:nss_dump> "${_nss_dir}"
              "${CMAKE_CURRENT_SOURCE_DIR}/nss/musl_services.c")
    set_tests_properties(nss_export_${_mode} PROPERTIES SKIP_RETURN_CODE 77
      ENVIRONMENT "LD_LIBRARY_PATH=$<TARGET_FILE_DIR:portreg>")
  endforeach()
  set_tests_properties(nss_export_full PROPERTIES LABELS slow TIMEOUT 600)
endif()

add_test(NAME nss_python_socket
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/nss/python_socket_test.sh" "${Python3_EXECUTABLE}"
          "${_nss_dir}")
set_tests_properties(nss_python_socket PROPERTIES SKIP_RETURN_CODE 77)

# Threads enumerating at once (and under ThreadSanitizer in .ci/tsan.sh).
find_package(Threads REQUIRED)
add_executable(check_nss_threads nss/check_nss_threads.c)
target_link_libraries(check_nss_threads PRIVATE nss_portreg Threads::Threads)
target_compile_options(check_nss_threads PRIVATE ${PORTREG_C_WARNINGS} ${PORTREG_C_WERROR})
target_compile_definitions(check_nss_threads PRIVATE _DEFAULT_SOURCE)
add_test(NAME check_nss_threads COMMAND check_nss_threads)

if(PORTREG_INSTALL)
  add_test(NAME nss_install
    COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/nss/install_test.sh" "${PROJECT_BINARY_DIR}"
            "${CMAKE_COMMAND}" "${CMAKE_INSTALL_LIBDIR}")
endif()
