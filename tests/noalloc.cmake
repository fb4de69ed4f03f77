# No lookup path allocates (issue 5): malloc and friends are interposed in
# the test executable and counted.  Included by CMakeLists.txt.
portreg_add_check(check_noalloc check_noalloc.c alloc_count.c)
# The test prints a skip notice and exits 77 without glibc.
set_tests_properties(check_noalloc PROPERTIES SKIP_RETURN_CODE 77)
