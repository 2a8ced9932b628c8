// SPDX-License-Identifier: GPL-2.0
/*
 * An "outside" program, built only with the README's pkg-config recipe:
 * it must reach the user-mode host through the plain syscalls and still
 * see libc's own descriptors untouched.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

static int n;

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++n, what);
}

int main(void)
{
	int kvm, vm, null;

	printf("TAP version 13\n1..4\n");
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	check(kvm >= 0 && ioctl(kvm, KVM_GET_API_VERSION, 0) == KVM_API_VERSION,
	      "open(/dev/kvm) and KVM_GET_API_VERSION");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	check(vm >= 0, "KVM_CREATE_VM");
	null = open("/dev/null", O_WRONLY);
	check(null >= 0 && write(null, "x", 1) == 1,
	      "other paths and descriptors go to libc");
	check(close(vm) == 0 && close(kvm) == 0 && close(null) == 0,
	      "close of host and libc descriptors");
	return 0;
}
