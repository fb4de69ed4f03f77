# Flow tests (tuples, orientation, Community ID), included by CMakeLists.txt.
portreg_add_check(check_tuple check_tuple.c)
portreg_add_check(check_orient check_orient.c)
# The private SHA-1 is compiled in so that its test vectors can be checked
# directly; the library's copy is hidden.
portreg_add_check(check_community_id check_community_id.c ${PROJECT_SOURCE_DIR}/lib/flow/sha1.c)
