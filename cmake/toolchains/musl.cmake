# Building against musl with Debian's musl-tools (musl-gcc), statically:
# musl-gcc is a wrapper around the host gcc, so the target is the host's
# architecture, but with musl's headers and libc, which the build machine's
# programs (portreg-compile, which needs glibc's libxml2) cannot use: hence
# a cross build.  See docs/PORTABILITY.md.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${CMAKE_HOST_SYSTEM_PROCESSOR})
set(CMAKE_C_COMPILER musl-gcc)
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
# Appended to, so that -DCMAKE_FIND_ROOT_PATH=... can add a prefix holding
# musl builds of other libraries (.ci/cross.sh adds Check's).
list(APPEND CMAKE_FIND_ROOT_PATH /usr/lib/musl)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
