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
#   make              build everything for both architectures
#   make run          the demo (see README.md)
#   make check        build and run every test; last line "N passed, N failed"
#   make bench        run the benchmarks (tools/bench), host build
#   make kbuild-check compile the portable code with kbuild for ARCH=s390
#   make menuconfig   change the feature selection
#   make clean

srctree		:= $(CURDIR)
O		?= build
# host: the build machine; s390x: big-endian under qemu-s390x; tsan: the
# host build with ThreadSanitizer, for the tests listed in TSAN_TESTS;
# asan: the host build with AddressSanitizer, for every test.
ARCHES		?= host s390x tsan asan
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

# Directories whose kbuild Makefiles list objects for the host library.
core-dirs	:= um/kernel um/kvm um/hw
portable-dirs	:= arch/s390/kvm drivers/s390/cio virt/lib
# Directories of programs written against the syscall interface; their
# Makefiles list TEST_GEN_PROGS (run by "make check", as in kselftest),
# PROGS (tools) or BENCH_PROGS (benchmarks), and LIBKVM sources shared by
# the directory's programs (paths relative to the directory).
prog-dirs	:= tools/testing/selftests/kvm/s390 tools/demo tools/bench \
		   tools/vmm
# Unit tests of the host's kernel API: built with the kernel-side flags.
umtest-dirs	:= tools/testing/um

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

deps:
	$(Q)scripts/install-deps.sh

$(srctree)/.config:
	$(Q)scripts/install-deps.sh
	@echo "  DEFCONFIG configs/defconfig"
	$(Q)$(KCONFIG_ENV) kconfig-conf --defconfig=configs/defconfig Kconfig >/dev/null

# auto.conf and autoconf.h follow .config; kconfig-conf writes its
# include/config tree relative to the current directory.
$(O)/include/config/auto.conf: $(srctree)/.config $(shell find . -name Kconfig -not -path './build/*')
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
include $(1)/Makefile
$(1)-tests := $$(TEST_GEN_PROGS)
$(1)-tsan := $$(TSAN_TESTS)
$(1)-progs := $$(TEST_GEN_PROGS) $$(PROGS) $$(BENCH_PROGS)
$(1)-benches := $$(BENCH_PROGS)
$(1)-lib := $$(patsubst $(srctree)/%,%,$$(abspath $$(addprefix $(1)/,$$(LIBKVM))))
endef

lib-dirs	:= $(foreach d,$(core-dirs) $(portable-dirs),\
			$(if $(wildcard $(d)/Makefile),$(d)))
ifndef skip-config
$(foreach d,$(lib-dirs),$(eval $(call read-dir,$(d))))
prog-dirs	:= $(foreach d,$(prog-dirs) $(umtest-dirs),\
			$(if $(wildcard $(d)/Makefile),$(d)))
$(foreach d,$(prog-dirs),$(eval $(call read-progs,$(d))))
endif
lib-objs	:= $(foreach d,$(lib-dirs),$($(d)-objs))
libc-objs	:= $(foreach d,$(lib-dirs),$($(d)-libc-objs))

# --------------------------------------------------------------- flags
KSELFTEST_DIR	:= $(O)/include/kselftest
WRAP_FLAGS	:= $(shell cat um/wrap.flags 2>/dev/null)

COMMON_CFLAGS	:= -std=gnu11 -O2 -g -pthread -Wall -Wundef \
		   -Wno-unused-parameter -Wno-missing-field-initializers \
		   -Werror=implicit-function-declaration -fno-strict-aliasing \
		   -fno-common $(EXTRA_CFLAGS)
# Kernel-side code: the host's kernel headers first, then the project's own.
KERNEL_CFLAGS	:= $(COMMON_CFLAGS) -D__KERNEL__ \
		   -include $(O)/include/generated/autoconf.h \
		   -include um/include/linux/kconfig.h \
		   -include um/include/linux/compiler_types.h \
		   -Ium/include -Iinclude -Iarch/s390/include \
		   -Iinclude/uapi -Iarch/s390/include/uapi
# Programs written against the syscall interface: libc + our uapi only.
USER_CFLAGS	:= $(COMMON_CFLAGS) -Iinclude/uapi -Iarch/s390/include/uapi \
		   -I$(KSELFTEST_DIR) -Itools/testing/selftests/kvm/include
# Host-API unit tests see kernel headers and the harness.
UMTEST_CFLAGS	:= $(KERNEL_CFLAGS) -I$(KSELFTEST_DIR)
LDLIBS		:= -lpthread

# ---------------------------------------------------------------- rules
# prog-rules ARCH DIR
define prog-rules
$(1)-$(2)-kind := $(if $(filter $(2),$(umtest-dirs)),t,u)
$(1)-$(2)-lib := $$(addprefix $(O)/$(1)/$$($(1)-$(2)-kind)/,\
	$$(patsubst %.c,%.o,$$($(2)-lib)))
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
$(O)/$(1)/k/%.o: %.c $(O)/include/config/auto.conf
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	$(Q)$(CC_$(1)) $(KERNEL_CFLAGS) $(CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/u/%.o: %.c | $(KSELFTEST_DIR)/kselftest_harness.h
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	$(Q)$(CC_$(1)) $(USER_CFLAGS) $(CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/t/%.o: %.c $(O)/include/config/auto.conf | $(KSELFTEST_DIR)/kselftest_harness.h
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
$(foreach a,$(ARCHES),$(eval $(call arch-rules,$(a))))

$(KSELFTEST_DIR)/kselftest_harness.h:
	$(Q)scripts/install-deps.sh
	$(Q)scripts/extract-kselftest.sh $(KSELFTEST_DIR)

# pkg-config description of the host library, for outside programs.
define pc-rule
$(O)/$(1)/pkgconfig/s390um.pc: $(O)/$(1)/libs390um.a um/wrap.flags
	@mkdir -p $$(@D)
	$(Q)scripts/gen-pkgconfig.sh $(srctree) $(abspath $(O))/$(1) > $$@
endef
$(foreach a,$(ARCHES),$(eval $(call pc-rule,$(a))))

ALL_TARGETS	:= $(foreach a,$(ARCHES),$($(a)-all) $(O)/$(a)/pkgconfig/s390um.pc)

all: deps $(ALL_TARGETS)

-include $(shell find $(O) -path '$(O)/kernel' -prune -o -name '*.d' -type f -print 2>/dev/null)

# ---------------------------------------------------------------- tests
kbuild-check: $(O)/include/config/auto.conf
	$(Q)scripts/kbuild-check.sh $(O)

uapi-check:
	$(Q)tools/testing/uapi/run.sh $(O)/uapi

checkpatch:
	$(Q)scripts/checkpatch.sh $(O)

realkernel-check: ; $(Q)scripts/realkernel.sh $(O)

# Every test program's TAP output is collected by scripts/run-tests.sh,
# which prints the totals as its last line.
CHECK_SUITES	:= $(foreach a,$(ARCHES),$($(a)-tests) \
			$(if $(filter tsan asan,$(a)),,\
			"pkgconfig-$(a)=scripts/check-pkgconfig.sh $(O) $(a)")) \
		   "uapi=tools/testing/uapi/run.sh $(O)/uapi" \
		   "kbuild=scripts/kbuild-check.sh $(O)" \
		   "checkpatch=scripts/checkpatch.sh $(O)" \
		   "realkernel=scripts/realkernel.sh $(O)"

check: all
	$(Q)O=$(O) RUN_s390x="$(RUN_s390x)" RUN_tsan='$(RUN_tsan)' \
		RUN_asan='$(RUN_asan)' \
		scripts/run-tests.sh $(CHECK_SUITES)

run: all
	$(Q)scripts/demo.sh $(O)

# Benchmarks print their ratios against a baseline measured in the same
# run; they have no thresholds and are not part of check.
bench: all
	$(Q)for b in $(host-benches); do echo "== $$b"; $$b || exit 1; done

clean:
	rm -rf $(O)

distclean: clean
	rm -f .config .config.old

help:
	@sed -n '/^#   make/s/^# *//p' Makefile

.PHONY: all check run bench clean distclean help deps kbuild-check uapi-check \
	checkpatch menuconfig olddefconfig defconfig savedefconfig
