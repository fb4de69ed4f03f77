# Warning flags for the project's own code, each probed, so that a compiler
# that does not know one (tcc, MSVC, an old GCC) is not handed it.
# PORTREG_C_WARNINGS: for every target of the project's own sources.
# PORTREG_C_WERROR: -Werror when PORTREG_WERROR is on; empty otherwise.
include(CheckCCompilerFlag)
set(CMAKE_REQUIRED_QUIET ON)

set(PORTREG_C_WARNINGS "")
foreach(_flag -Wall -Wextra -Wshadow -Wconversion)
  string(MAKE_C_IDENTIFIER "PORTREG_CC_HAS${_flag}" _var)
  check_c_compiler_flag("${_flag}" ${_var})
  if(${_var})
    list(APPEND PORTREG_C_WARNINGS "${_flag}")
  endif()
endforeach()

set(PORTREG_C_WERROR "")
if(PORTREG_WERROR)
  if(MSVC)
    set(PORTREG_C_WERROR /WX)
  else()
    check_c_compiler_flag(-Werror PORTREG_CC_HAS_WERROR)
    if(PORTREG_CC_HAS_WERROR)
      set(PORTREG_C_WERROR -Werror)
    else()
      message(WARNING "PORTREG_WERROR: the compiler does not take -Werror")
    endif()
  endif()
endif()
unset(CMAKE_REQUIRED_QUIET)
