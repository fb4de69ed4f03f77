# Where the registry XML comes from: -DPORTREG_REGISTRY_XML=path, or else the
# edition pinned in xml/, which travels with the source so that a clone
# builds offline (as distribution builders build).  xml/MANIFEST records the
# pinned edition's date and SHA-256; a pinned file that does not match it
# stops the configure, so that an edit or a line-ending conversion cannot
# change the tables unnoticed.  xml/update-registry.sh replaces both.
set(PORTREG_REGISTRY_XML "" CACHE FILEPATH
    "IANA service-names-port-numbers.xml to compile (empty: the edition pinned in xml/)")

# portreg_pinned_registry(OUT NAME): the path of xml/NAME after checking it
# against its line in xml/MANIFEST; OUT_UPDATED gets the edition's date.
function(portreg_pinned_registry out name)
  set(_file "${PROJECT_SOURCE_DIR}/xml/${name}")
  set(_manifest "${PROJECT_SOURCE_DIR}/xml/MANIFEST")
  file(STRINGS "${_manifest}" _line REGEX "^${name} ")
  if(NOT _line MATCHES "^[^ ]+ ([0-9]+-[0-9]+-[0-9]+) ([0-9a-f]+)$")
    message(FATAL_ERROR "xml/MANIFEST has no line for ${name}")
  endif()
  set(_updated "${CMAKE_MATCH_1}")
  set(_want "${CMAKE_MATCH_2}")
  if(NOT EXISTS "${_file}")
    message(FATAL_ERROR "${_file} is missing from the source tree: the build compiles it "
                        "into the library.  Restore it from git, or pass "
                        "-DPORTREG_REGISTRY_XML=/path/to/${name}.")
  endif()
  file(SHA256 "${_file}" _got)
  if(NOT _got STREQUAL _want)
    message(FATAL_ERROR "xml/${name} does not match xml/MANIFEST: SHA-256 ${_got}, "
                        "expected ${_want} (the ${_updated} edition).  Change the pinned "
                        "edition with xml/update-registry.sh, never by hand; a git checkout "
                        "that converted line endings also changes it (.gitattributes).")
  endif()
  set(${out} "${_file}" PARENT_SCOPE)
  set(${out}_UPDATED "${_updated}" PARENT_SCOPE)
endfunction()

if(PORTREG_REGISTRY_XML)
  if(NOT EXISTS "${PORTREG_REGISTRY_XML}" OR IS_DIRECTORY "${PORTREG_REGISTRY_XML}")
    message(FATAL_ERROR "PORTREG_REGISTRY_XML=${PORTREG_REGISTRY_XML} is not a file.")
  endif()
  get_filename_component(PORTREG_REGISTRY "${PORTREG_REGISTRY_XML}" ABSOLUTE)
  message(STATUS "portreg: registry ${PORTREG_REGISTRY} (PORTREG_REGISTRY_XML)")
else()
  portreg_pinned_registry(PORTREG_REGISTRY service-names-port-numbers.xml)
  message(STATUS "portreg: registry xml/service-names-port-numbers.xml, "
                 "the pinned ${PORTREG_REGISTRY_UPDATED} edition")
endif()

# The IANA protocol-numbers registry ("Assigned Internet Protocol Numbers"),
# compiled beside the ports into a table of its own: pinned the same way,
# or -DPORTREG_PROTOCOLS_XML=path for one build.
set(PORTREG_PROTOCOLS_XML "" CACHE FILEPATH
    "IANA protocol-numbers.xml to compile (empty: the edition pinned in xml/)")
if(PORTREG_PROTOCOLS_XML)
  if(NOT EXISTS "${PORTREG_PROTOCOLS_XML}" OR IS_DIRECTORY "${PORTREG_PROTOCOLS_XML}")
    message(FATAL_ERROR "PORTREG_PROTOCOLS_XML=${PORTREG_PROTOCOLS_XML} is not a file.")
  endif()
  get_filename_component(PORTREG_PROTOCOLS "${PORTREG_PROTOCOLS_XML}" ABSOLUTE)
  message(STATUS "portreg: protocol numbers ${PORTREG_PROTOCOLS} (PORTREG_PROTOCOLS_XML)")
else()
  portreg_pinned_registry(PORTREG_PROTOCOLS protocol-numbers.xml)
  message(STATUS "portreg: protocol numbers xml/protocol-numbers.xml, "
                 "the pinned ${PORTREG_PROTOCOLS_UPDATED} edition")
endif()
