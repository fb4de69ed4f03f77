# Cross-compiling for aarch64-linux-gnu with Debian's gcc-aarch64-linux-gnu: a plain
# toolchain file, nothing portreg-specific (see docs/PORTABILITY.md).
# Target libraries, when a build wants some (Check, for the tests), come
# from Debian's multiarch packages (apt-get install check:ARCH), under
# /usr/lib/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
