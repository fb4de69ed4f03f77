# Where the registry XML comes from: -DPORTREG_REGISTRY_XML=path wins, then
# xml/service-names-port-numbers.xml (what xml/fetch-registry.sh writes),
# then ../shared/iana/ beside the checkout.  The data is never committed.
set(PORTREG_REGISTRY_XML "" CACHE FILEPATH
    "IANA service-names-port-numbers.xml to compile into the library")

if(PORTREG_REGISTRY_XML)
  set(_portreg_registry "${PORTREG_REGISTRY_XML}")
  if(NOT EXISTS "${_portreg_registry}")
    message(FATAL_ERROR "PORTREG_REGISTRY_XML=${PORTREG_REGISTRY_XML} does not exist.")
  endif()
else()
  set(_portreg_candidates
      "${PROJECT_SOURCE_DIR}/xml/service-names-port-numbers.xml"
      "${PROJECT_SOURCE_DIR}/../shared/iana/service-names-port-numbers.xml")
  set(_portreg_registry "")
  foreach(_candidate IN LISTS _portreg_candidates)
    if(EXISTS "${_candidate}")
      set(_portreg_registry "${_candidate}")
      break()
    endif()
  endforeach()
  if(NOT _portreg_registry)
    message(FATAL_ERROR
      "The IANA registry XML was not found.  portreg compiles it into the library "
      "at build time.  Get it with\n"
      "    sh xml/fetch-registry.sh\n"
      "(downloads it from IANA into xml/), or pass -DPORTREG_REGISTRY_XML=/path/to/"
      "service-names-port-numbers.xml.  Looked in:\n    "
      "${PROJECT_SOURCE_DIR}/xml/service-names-port-numbers.xml\n    "
      "${PROJECT_SOURCE_DIR}/../shared/iana/service-names-port-numbers.xml")
  endif()
endif()
get_filename_component(PORTREG_REGISTRY "${_portreg_registry}" ABSOLUTE)
message(STATUS "portreg: registry ${PORTREG_REGISTRY}")
