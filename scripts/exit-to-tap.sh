#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# exit-to-tap.sh NAME COMMAND...
#
# Runs a test that reports by exit status only, as Linux 6.1's KVM
# selftests do (0 pass, 4 = KSFT_SKIP, anything else a failure), and
# prints its result as one TAP line for scripts/run-tests.sh. The
# program's own output is kept, as TAP comments, before the result.
# A skip fails too: the tests run this way are listed because they must
# run here, and a skip means the host stopped offering what they require
# (e.g. KVM_CAP_IMMEDIATE_EXIT).
set -u
name=$1
shift
echo "1..1"
"$@" 2>&1 | sed 's/^/# /'
rc=${PIPESTATUS[0]}
case $rc in
0) echo "ok 1 - $name" ;;
4) echo "not ok 1 - $name skipped itself (requirement not met, above)" ;;
*) echo "not ok 1 - $name (exit status $rc)" ;;
esac
