# cmake --install: header, the library (shared and static, or static only:
# lib/CMakeLists.txt), pkg-config file and a CMake package exporting
# portreg::portreg (and portreg::portreg_static).
include(CMakePackageConfigHelpers)

install(TARGETS ${PORTREG_LIBRARY_TARGETS}
  EXPORT portregTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES "${PROJECT_SOURCE_DIR}/include/portreg.h" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(EXPORT portregTargets
  NAMESPACE portreg::
  FILE portregTargets.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/portreg)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/portreg-config.cmake.in"
  "${PROJECT_BINARY_DIR}/portreg-config.cmake"
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/portreg)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/portreg-config-version.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/portreg-config.cmake"
  "${PROJECT_BINARY_DIR}/portreg-config-version.cmake"
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/portreg)

# pkg-config: prefix relative to the .pc file itself (${pcfiledir}, known to
# pkg-config and pkgconf), and paths relative to ${prefix} when they are
# inside it, so that an installed tree works wherever it is put, including
# cmake --install --prefix other than the configured one.
set(_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${_pc_dir}")
  set(PORTREG_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _pc_up "/root/${_pc_dir}" "/root")
  set(PORTREG_PC_PREFIX "\${pcfiledir}/${_pc_up}")
  string(REGEX REPLACE "/$" "" PORTREG_PC_PREFIX "${PORTREG_PC_PREFIX}")
endif()
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(PORTREG_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(PORTREG_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
configure_file("${PROJECT_SOURCE_DIR}/pkgconfig/portreg.pc.in"
               "${PROJECT_BINARY_DIR}/portreg.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/portreg.pc"
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
