/* Shared includes for the cmocka unit suites. */
#ifndef SALESIM_TESTUTIL_H
#define SALESIM_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#endif
