# SPDX-License-Identifier: GPL-2.0
#
# Top-level build of the s390 FLIC / vfio-ccw project.
#
# Portable kernel code (arch/s390/kvm, drivers/s390/cio, virt/lib) and the
# user-mode host (um/) are compiled into one library per target
# architecture: "host" (the build machine's gcc) and "s390x"
# (s390x-linux-gnu-gcc, big-endian, run under qemu-s390x).  Which files go
# in is decided by each directory's kbuild-style obj-$(CONFIG_...) list and
# the Kconfig selection (.config, made from configs/defconfig when absent).
#
#   make              build the host library, programs and tests (ARCHES)
#   make run          boot the VMM on a 3390 image (see README.md)
#   make check        build all four variants and run every test; last
#                     line "N passed, N failed"
#   make bench        run the benchmarks (tools/bench), host build
#   make kbuild-check compile the portable code with kbuild for ARCH=s390
#   make menuconfig   change the feature selection
#   make clean

srctree		:= $(CURDIR)
O		?= build
# host: the build machine; s390x: big-endian under qemu-s390x; tsan: the
# host build with ThreadSanitizer, for the tests listed in TSAN_TESTS;
# asan: the host build with AddressSanitizer, for every test.
# "make" builds ARCHES (default: host only); "make check" builds and runs
# the whole matrix unless ARCHES is given on the command line.
ALL_ARCHES	:= host s390x tsan asan
CHECK_ARCHES	:= $(if $(filter command line environment,$(origin ARCHES)),\
			$(ARCHES),$(ALL_ARCHES))
ARCHES		?= host
V		?= 0
Q		:= $(if $(filter 1,$(V)),,@)

CC_host		?= gcc
AR_host		?= ar
CC_s390x	?= s390x-linux-gnu-gcc
AR_s390x	?= s390x-linux-gnu-ar
LDFLAGS_s390x	:= -static
CC_tsan		?= $(CC_host)
AR_tsan		?= $(AR_host)
CFLAGS_tsan	:= -fsanitize=thread
LDFLAGS_tsan	:= -fsanitize=thread
# TSan reports make the program exit non-zero; keep going to report all.
RUN_tsan	:= env TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1"
CC_asan		?= $(CC_host)
AR_asan		?= $(AR_host)
CFLAGS_asan	:= -fsanitize=address -fno-omit-frame-pointer
LDFLAGS_asan	:= -fsanitize=address
# The host's uaccess owns SIGSEGV (a fault there is -EFAULT, not a bug).
RUN_asan	:= env ASAN_OPTIONS="handle_segv=0 detect_leaks=1"
RUN_s390x	:= qemu-s390x -L /usr/s390x-linux-gnu

# Directories whose kbuild Makefiles list objects for the host library:
# the host's own, and the portable ones, which the top-level Kbuild lists
# (the only list of them; kbuild-check and checkpatch read it too).
core-dirs	:= um/kernel um/kvm um/hw um/cio um/vfio
obj-y		:=
obj-m		:=
include Kbuild
portable-dirs	:= $(patsubst %/,%,$(filter %/,$(obj-y) $(obj-m)))
# Directories of programs written against the syscall interface; their
# Makefiles list TEST_GEN_PROGS (run by "make check", as in kselftest),
# PROGS (tools) or BENCH_PROGS (benchmarks), and LIBKVM sources shared by
# the directory's programs (paths relative to the directory); LIBKERNEL
# sources are shared too but built with the kernel-side flags (a test
# that also plays a driver inside the host).
prog-dirs	:= tools/testing/selftests/kvm/s390 tools/bench tools/vmm
# Unit tests of the host's kernel API: built with the kernel-side flags.
umtest-dirs	:= tools/testing/um tools/testing/cio tools/bench/cio \
		   tools/testing/vfio tools/testing/vfio-ccw

.DEFAULT_GOAL	:= all
.SUFFIXES:
.DELETE_ON_ERROR:

# ---------------------------------------------------------------- config
KCONFIG_ENV	:= KCONFIG_CONFIG=$(srctree)/.config srctree=$(srctree) \
		   KCONFIG_AUTOHEADER=include/generated/autoconf.h
no-config-goals	:= clean distclean deps menuconfig defconfig savedefconfig \
		   olddefconfig help

ifeq ($(filter-out $(no-config-goals),$(or $(MAKECMDGOALS),all)),)
skip-config	:= 1
endif

# Rules that need an installed package depend on "deps" (order-only):
# make runs it once, before them, never two apt-get at a time.
deps:
	$(Q)scripts/install-deps.sh

$(srctree)/.config: | deps
	@echo "  DEFCONFIG configs/defconfig"
	$(Q)$(KCONFIG_ENV) kconfig-conf --defconfig=configs/defconfig Kconfig >/dev/null

# auto.conf and autoconf.h follow .config; kconfig-conf writes its
# include/config tree relative to the current directory.  Options added
# since .config was written take their defaults (no prompt: make may run
# without a terminal); options .config already decides keep its choice,
# so a configs/defconfig newer than .config gets a warning.
$(O)/include/config/auto.conf: $(srctree)/.config configs/defconfig \
		$(shell find . -name Kconfig -not -path './build/*')
	$(Q)if [ configs/defconfig -nt $(srctree)/.config ]; then \
		echo "  WARNING: configs/defconfig is newer than .config;" \
		     "'make defconfig' takes it (your .config choices go)" >&2; fi
	$(Q)$(KCONFIG_ENV) kconfig-conf --olddefconfig Kconfig >/dev/null
	$(Q)mkdir -p $(O)/include/config $(O)/include/generated
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-conf --silentoldconfig $(srctree)/Kconfig

menuconfig: $(srctree)/.config
	$(Q)$(KCONFIG_ENV) kconfig-mconf Kconfig
olddefconfig: $(srctree)/.config
	$(Q)$(KCONFIG_ENV) kconfig-conf --olddefconfig Kconfig
defconfig:
	$(Q)$(KCONFIG_ENV) kconfig-conf --defconfig=configs/defconfig Kconfig
savedefconfig: $(srctree)/.config
	$(Q)$(KCONFIG_ENV) kconfig-conf --savedefconfig=configs/defconfig Kconfig

ifndef skip-config
include $(O)/include/config/auto.conf
endif

# ------------------------------------------------- kbuild-style obj lists
# Read a directory's Makefile the way kbuild does: obj-y (and obj-m, which
# the host links in), composite objects foo-y, and subdirectories "dir/".
# The host's own libc-side files (the syscall layer, which must see libc's
# headers rather than the kernel's) are listed as libc-y.
define read-dir
obj-y :=
obj-m :=
obj- :=
libc-y :=
ccflags-y :=
include $(1)/Makefile
$(1)-libc-objs := $$(addprefix $(1)/,$$(libc-y))
$(1)-ccflags := $$(ccflags-y)
$(1)-objs := $$(foreach o,$$(filter %.o,$$(obj-y) $$(obj-m)),\
	$$(if $$($$(o:.o=-y))$$($$(o:.o=-objs)),\
	$$(addprefix $(1)/,$$($$(o:.o=-y)) $$($$(o:.o=-objs))),$(1)/$$(o)))
$(1)-subdirs := $$(patsubst %/,$(1)/%,$$(filter %/,$$(obj-y) $$(obj-m)))
endef

define read-progs
TEST_GEN_PROGS :=
TSAN_TESTS :=
PROGS :=
BENCH_PROGS :=
LIBKVM :=
LIBKERNEL :=
include $(1)/Makefile
$(1)-tests := $$(TEST_GEN_PROGS)
$(1)-tsan := $$(TSAN_TESTS)
$(1)-progs := $$(TEST_GEN_PROGS) $$(PROGS) $$(BENCH_PROGS)
$(1)-benches := $$(BENCH_PROGS)
$(1)-lib := $$(patsubst $(srctree)/%,%,$$(abspath $$(addprefix $(1)/,$$(LIBKVM))))
$(1)-klib := $$(patsubst $(srctree)/%,%,$$(abspath $$(addprefix $(1)/,$$(LIBKERNEL))))
endef

lib-dirs	:= $(foreach d,$(core-dirs) $(portable-dirs),\
			$(if $(wildcard $(d)/Makefile),$(d)))
ifndef skip-config
$(foreach d,$(lib-dirs),$(eval $(call read-dir,$(d))))
prog-dirs	:= $(foreach d,$(prog-dirs) $(umtest-dirs),\
			$(if $(wildcard $(d)/Makefile),$(d)))
$(foreach d,$(prog-dirs),$(eval $(call read-progs,$(d))))
endif
# 6.1's private drivers/s390/cio headers (cio.h, css.h, ioasm.h, chp.h)
# are the css bus stand-in's in the host: the portable directory's own
# -I names the kernel's copy, which only kbuild has.
drivers/s390/cio-ccflags += -Ium/cio
lib-objs	:= $(foreach d,$(lib-dirs),$($(d)-objs))
libc-objs	:= $(foreach d,$(lib-dirs),$($(d)-libc-objs))

# ----------------------------------------------------------------- uapi
# The userspace ABI is the one Debian installs for s390x
# (linux-libc-dev-s390x-cross), not a copy of it. Those of its headers the
# project uses are staged into UAPI_DIR, first on every include path, so a
# program built for the host that includes <linux/kvm.h> gets s390's
# definitions (asm/kvm.h decides kvm_run's s390 parts). Only these names
# are staged: the rest of s390's asm/ (unistd.h, posix_types.h, ...) would
# replace the host libc's view of its own kernel (syscall numbers).
# The project's own uapi additions go in headers of new names under
# include/uapi (Documentation/build.rst).
UAPI_SYSROOT	:= /usr/s390x-linux-gnu/include
UAPI_HEADERS	:= linux/kvm.h linux/vfio.h linux/vfio_ccw.h asm/kvm.h
UAPI_DIR	:= $(O)/include/uapi-s390
uapi-staged	:= $(addprefix $(UAPI_DIR)/,$(UAPI_HEADERS))

$(UAPI_DIR)/%.h: $(wildcard $(addprefix $(UAPI_SYSROOT)/,$(UAPI_HEADERS))) | deps
	@mkdir -p $(@D)
	$(Q)cp $(UAPI_SYSROOT)/$*.h $@

# --------------------------------------------------------------- flags
KSELFTEST_DIR	:= $(O)/include/kselftest
# Generic kernel headers (searched after um/include) and lib/ sources
# (built into the library) taken from the 6.1 tarball.
KSRC_DIR	:= $(O)/kernel-6.1
KSRC_LIB	:= lib/find_bit.c lib/refcount.c
lib-objs	+= $(patsubst %.c,$(KSRC_DIR)/%.o,$(KSRC_LIB))
WRAP_FLAGS	:= $(shell cat um/wrap.flags 2>/dev/null)

COMMON_CFLAGS	:= -std=gnu11 -O2 -g -pthread -Wall -Wundef \
		   -Wno-unused-parameter -Wno-missing-field-initializers \
		   -Werror=implicit-function-declaration -fno-strict-aliasing \
		   -fno-common $(EXTRA_CFLAGS)
# Kernel-side code: the host's kernel headers first, then the project's own.
# um/include precedes the staged uapi: its kernel-side <linux/vfio.h>
# reaches the uapi one with #include_next, as 6.1's includes uapi/.
# kbuild's -Wno-maybe-uninitialized -Wno-pointer-sign: 6.1's lib/ needs them
KERNEL_CFLAGS	:= $(COMMON_CFLAGS) -D__KERNEL__ \
		   -Wno-maybe-uninitialized -Wno-pointer-sign \
		   -include $(O)/include/generated/autoconf.h \
		   -include um/include/linux/kconfig.h \
		   -include um/include/linux/compiler_types.h \
		   -Ium/include -I$(UAPI_DIR) -I$(KSRC_DIR)/include \
		   -I$(KSRC_DIR)/arch/s390/include \
		   -I$(KSRC_DIR)/drivers/s390/cio -Iinclude \
		   -Iarch/s390/include -Iinclude/uapi
# Programs written against the syscall interface: libc + the uapi only.
USER_CFLAGS	:= $(COMMON_CFLAGS) -I$(UAPI_DIR) -Iinclude/uapi \
		   -Ium/include/uapi -I$(KSELFTEST_DIR) -Itools/include
# Host-API unit tests see kernel headers and the harness.
UMTEST_CFLAGS	:= $(KERNEL_CFLAGS) -I$(KSELFTEST_DIR)
LDLIBS		:= -lpthread

# ---------------------------------------------------------------- rules
# prog-rules ARCH DIR
define prog-rules
$(1)-$(2)-kind := $(if $(filter $(2),$(umtest-dirs)),t,u)
$(1)-$(2)-lib := $$(addprefix $(O)/$(1)/$$($(1)-$(2)-kind)/,\
	$$(patsubst %.c,%.o,$$($(2)-lib))) \
	$$(addprefix $(O)/$(1)/t/,$$(patsubst %.c,%.o,$$($(2)-klib)))
# the programs' objects are kept: not intermediate files of the link
.SECONDARY: $$(patsubst %,$(O)/$(1)/$$($(1)-$(2)-kind)/$(2)/%.o,$$($(2)-progs)) \
	$$($(1)-$(2)-lib)
$(O)/$(1)/bin/$(2)/%: $(O)/$(1)/$$($(1)-$(2)-kind)/$(2)/%.o \
		$$($(1)-$(2)-lib) $(O)/$(1)/libs390um.a
	@mkdir -p $$(@D)
	@echo "  LD [$(1)] $$@"
	$(Q)$(CC_$(1)) -pthread $(LDFLAGS_$(1)) -o $$@ $$< $$($(1)-$(2)-lib) \
		-Wl,--whole-archive $(O)/$(1)/libs390um.a \
		-Wl,--no-whole-archive $(WRAP_FLAGS) $(LDLIBS)
endef

define arch-rules
# ccflags-y of the object's directory, as kbuild applies it
$(O)/$(1)/k/%.o: %.c $(O)/include/config/auto.conf | $(uapi-staged)
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	$(Q)$(CC_$(1)) $(KERNEL_CFLAGS) $(CFLAGS_$(1)) \
		$$($$(patsubst %/,%,$$(dir $$*))-ccflags) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/u/%.o: %.c | $(KSELFTEST_DIR)/kselftest_harness.h $(uapi-staged)
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	$(Q)$(CC_$(1)) $(USER_CFLAGS) $(CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/t/%.o: %.c $(O)/include/config/auto.conf | \
		$(KSELFTEST_DIR)/kselftest_harness.h $(uapi-staged)
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	$(Q)$(CC_$(1)) $(UMTEST_CFLAGS) $(CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/h/%.o: %.c
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	$(Q)$(CC_$(1)) $(COMMON_CFLAGS) $(CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/libs390um.a: $(addprefix $(O)/$(1)/k/,$(lib-objs)) \
		$(addprefix $(O)/$(1)/h/,$(libc-objs))
	@echo "  AR [$(1)] $$@"
	$(Q)rm -f $$@ && $(AR_$(1)) rcs $$@ $$^

# Programs: one pattern rule per directory; user-side objects (kernel-side
# for the host-API unit tests) linked against the host through --wrap.
$$(foreach d,$(prog-dirs),$$(eval $$(call prog-rules,$(1),$$(d))))

$(1)-tests := $$(foreach d,$(prog-dirs),\
	$$(addprefix $(O)/$(1)/bin/$$(d)/,\
	$$(if $$(filter tsan,$(1)),$$($$(d)-tsan),$$($$(d)-tests))))
$(1)-benches := $$(foreach d,$(prog-dirs),\
	$$(addprefix $(O)/$(1)/bin/$$(d)/,$$($$(d)-benches)))
$(1)-progs := $$(if $$(filter tsan,$(1)),$$($(1)-tests),\
	$$(foreach d,$(prog-dirs),\
	$$(addprefix $(O)/$(1)/bin/$$(d)/,$$($$(d)-progs))))
$(1)-all := $(O)/$(1)/libs390um.a $$($(1)-progs)
endef
$(foreach a,$(ALL_ARCHES),$(eval $(call arch-rules,$(a))))

$(KSELFTEST_DIR)/kselftest_harness.h: | deps
	$(Q)scripts/extract-kselftest.sh $(KSELFTEST_DIR)

# Every kernel-side object depends on auto.conf: extract the headers first.
$(O)/include/config/auto.conf: | $(KSRC_DIR)/.stamp
$(addprefix $(KSRC_DIR)/,$(KSRC_LIB)): $(KSRC_DIR)/.stamp
$(KSRC_DIR)/.stamp: scripts/extract-kernel-headers.sh | deps
	@echo "  EXTRACT $(KSRC_DIR)"
	$(Q)scripts/extract-kernel-headers.sh $(KSRC_DIR)

# pkg-config description of the host library, for outside programs.
define pc-rule
$(O)/$(1)/pkgconfig/s390um.pc: $(O)/$(1)/libs390um.a um/wrap.flags
	@mkdir -p $$(@D)
	$(Q)scripts/gen-pkgconfig.sh $(srctree) $(abspath $(O))/$(1) \
		$(abspath $(UAPI_DIR)) "$(CFLAGS_$(1))" "$(LDFLAGS_$(1))" > $$@
endef
$(foreach a,$(ALL_ARCHES),$(eval $(call pc-rule,$(a))))

arch-targets	= $(foreach a,$(1),$($(a)-all) $(O)/$(a)/pkgconfig/s390um.pc)

all: deps $(call arch-targets,$(ARCHES))

-include $(shell find $(O) \( -path '$(O)/kernel' -o -path '$(O)/kbuild-src' \
	-o -path '$(O)/upstream-kvm' \) -prune -o -name '*.d' -type f -print 2>/dev/null)

# ---------------------------------------------------------------- tests
kbuild-check: $(O)/include/config/auto.conf | deps
	$(Q)scripts/kbuild-check.sh $(O)

uapi-check: $(uapi-staged)
	$(Q)tools/testing/uapi/run.sh $(O) $(UAPI_DIR)

checkpatch: | deps
	$(Q)scripts/checkpatch.sh $(O)

# Linux 6.1's own KVM selftests (tools/testing/selftests/kvm of the
# linux-source-6.1 tarball), built for s390x with upstream's library and
# Makefile, linked against the s390x host library, run under qemu-s390x.
# tools/testing/upstream/kvm/Makefile lists which of them run, and why the
# others cannot.
UPSTREAM_DIR	:= $(O)/upstream-kvm
UPSTREAM_TESTS	:= $(shell sed -n 's/^UPSTREAM_TESTS[[:space:]]*+=//p' \
			tools/testing/upstream/kvm/Makefile)
# They report by exit status only (6.1 predates their TAP output).
upstream-suites	:= $(foreach t,$(UPSTREAM_TESTS),"linux-6.1/$(t)=scripts/exit-to-tap.sh \
			$(t) $(RUN_s390x) $(UPSTREAM_DIR)/out/$(t)")

$(UPSTREAM_DIR)/.built: scripts/upstream-kvm-selftests.sh \
		tools/testing/upstream/kvm/Makefile \
		$(O)/s390x/libs390um.a $(O)/s390x/pkgconfig/s390um.pc
	$(Q)scripts/upstream-kvm-selftests.sh $(O) $(UPSTREAM_TESTS)
	$(Q)touch $@

# vfio-ccw in a real linux-6.1 s390x kernel under qemu-system-s390x
# (tools/testing/realkernel, Documentation/s390/vfio-ccw-realkernel.rst).
realkernel-check: | deps
	$(Q)scripts/realkernel.sh $(O)

# libFuzzer harnesses (tools/testing/fuzz), each for FUZZ_TIME seconds
# (default 60); needs the staged headers of the host build, and its host
# library (ccw_region_fuzz links it under the instrumented driver).
fuzz-check: $(O)/include/config/auto.conf $(uapi-staged) \
		$(O)/host/libs390um.a | deps
	$(Q)tools/testing/fuzz/run.sh $(O)

# Every test program's TAP output is collected by scripts/run-tests.sh,
# which prints the totals as its last line.
CHECK_SUITES	:= $(foreach a,$(CHECK_ARCHES),$($(a)-tests) \
			"pkgconfig-$(a)=scripts/check-pkgconfig.sh $(O) $(a)") \
		   $(if $(filter s390x,$(CHECK_ARCHES)),$(upstream-suites)) \
		   "uapi=tools/testing/uapi/run.sh $(O) $(UAPI_DIR)" \
		   "kbuild=scripts/kbuild-check.sh $(O)" \
		   "checkpatch=scripts/checkpatch.sh $(O)" \
		   "realkernel=scripts/realkernel.sh $(O)" \
		   "fuzz=tools/testing/fuzz/run.sh $(O)"

check: deps $(call arch-targets,$(CHECK_ARCHES)) \
		$(if $(filter s390x,$(CHECK_ARCHES)),$(UPSTREAM_DIR)/.built)
	$(Q)O=$(O) RUN_s390x="$(RUN_s390x)" RUN_tsan='$(RUN_tsan)' \
		RUN_asan='$(RUN_asan)' \
		scripts/run-tests.sh $(CHECK_SUITES)

# The VMM on a 3390 image (made with dasdinit the first time): a guest
# drives the DASD through vfio-ccw on the classic path for a few seconds
# and the summary shows what each I/O cost.  VMM_ARGS adds options.
RUN_IMAGE	?= $(O)/disk.3390
$(RUN_IMAGE): | deps
	@mkdir -p $(@D)
	@echo "  DASDINIT $@ (3390, 20 cylinders, Linux layout)"
	$(Q)dasdinit -linux $@.tmp 3390 VOL001 20 >/dev/null 2>&1 && mv $@.tmp $@

run: deps $(O)/host/bin/tools/vmm/vmm $(RUN_IMAGE)
	$(Q)$(O)/host/bin/tools/vmm/vmm run --compare --vcpus 2 \
		--dasd $(RUN_IMAGE) --workload readwrite --seconds 3 $(VMM_ARGS)

# Benchmarks print their ratios against a baseline measured in the same
# run; they have no thresholds and are not part of check.
bench: deps $(host-benches) $(O)/include/config/auto.conf $(uapi-staged) \
	$(O)/host/bin/tools/vmm/vmm
	$(Q)for b in $(host-benches); do echo "== $$b"; $$b || exit 1; done
	$(Q)tools/bench/ccw/run.sh $(O)
	$(Q)echo "== vmm bench: classic and direct paths"
	$(Q)$(O)/host/bin/tools/vmm/vmm bench

clean:
	rm -rf $(O)

distclean: clean
	rm -f .config .config.old

help:
	@sed -n '/^#   make/s/^# *//p' Makefile

.PHONY: all check run bench clean distclean help deps kbuild-check uapi-check \
	checkpatch realkernel-check fuzz-check menuconfig olddefconfig defconfig savedefconfig
