# Cross-compiling for arm-linux-gnueabihf with Debian's gcc-arm-linux-gnueabihf: a plain
# toolchain file, nothing portreg-specific (see docs/PORTABILITY.md).
# Target libraries, when a build wants some (Check, for the tests), come
# from Debian's multiarch packages (apt-get install check:ARCH), under
# /usr/lib/arm-linux-gnueabihf.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/arm-linux-gnueabihf/pkgconfig:/usr/share/pkgconfig")
