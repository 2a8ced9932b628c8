#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gen-pkgconfig.sh SRCTREE OBJTREE UAPI_DIR [CFLAGS [LDFLAGS]]
#
# Write a pkg-config file for the user-mode host library of one build.
# The library is named by its full path so that it stays inside
# --whole-archive (pkg-config would reorder a -l flag), and the --wrap
# flags route the program's open/ioctl/mmap/... to the host. UAPI_DIR is
# the staged s390 uapi (<linux/kvm.h> with s390's definitions); CFLAGS and
# LDFLAGS are what the build's library itself was compiled with and needs
# at link time (the sanitizer builds: -fsanitize=..., whose runtime the
# library calls into).
set -euo pipefail
src=$1
obj=$2
uapi=$3
cflags=${4:-}
ldflags=${5:-}
wrap=$(tr '\n' ' ' < "$src/um/wrap.flags")
cat <<PC
srctree=$src
objtree=$obj
uapidir=$uapi

Name: s390um
Description: user-mode host for the s390 FLIC / vfio-ccw kernel code
Version: 0.1
Cflags: -pthread -I\${uapidir} -I\${srctree}/include/uapi -I\${srctree}/um/include/uapi $cflags
Libs: -pthread $ldflags -Wl,--whole-archive \${objtree}/libs390um.a -Wl,--no-whole-archive $wrap
PC
