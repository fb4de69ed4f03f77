# Cross-compiling for s390x-linux-gnu with Debian's gcc-s390x-linux-gnu: a plain
# toolchain file, nothing portreg-specific (see docs/PORTABILITY.md).
# Target libraries, when a build wants some (Check, for the tests), come
# from Debian's multiarch packages (apt-get install check:ARCH), under
# /usr/lib/s390x-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(CMAKE_C_COMPILER s390x-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE s390x-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/s390x-linux-gnu/pkgconfig:/usr/share/pkgconfig")
