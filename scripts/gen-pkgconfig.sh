#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Write a pkg-config file for the user-mode host library of one build.
# The library is named by its full path so that it stays inside
# --whole-archive (pkg-config would reorder a -l flag), and the --wrap
# flags route the program's open/ioctl/mmap/... to the host.
set -euo pipefail
src=$1
obj=$2
wrap=$(tr '\n' ' ' < "$src/um/wrap.flags")
cat <<PC
srctree=$src
objtree=$obj

Name: s390um
Description: user-mode host for the s390 FLIC / vfio-ccw kernel code
Version: 0.1
Cflags: -pthread -I\${srctree}/include/uapi -I\${srctree}/arch/s390/include/uapi -I\${srctree}/um/include/uapi
Libs: -pthread -Wl,--whole-archive \${objtree}/libs390um.a -Wl,--no-whole-archive $wrap
PC
