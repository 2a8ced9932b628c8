// SPDX-License-Identifier: GPL-2.0
/*
 * s390 I/O adapters of the FLIC: registration, masking, indicator-page
 * maps, and adapter-interruption suppression (AIS, facility 72).
 *
 * Adapters are VM state (kvm->arch.adapters[], up to 64, never
 * unregistered). An adapter pointer is published once, fully set up, and
 * stays valid until the VM is destroyed, so readers need no lock.
 */

#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <linux/mutex.h>
#include <linux/nospec.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kvm-s390.h"

/*
 * The adapter @id, or NULL. Lock-free: an adapter is published once, with
 * smp_store_release() in kvm_s390_flic_register_adapter(), and freed only
 * with the VM.
 */
struct s390_io_adapter *kvm_s390_get_io_adapter(struct kvm *kvm,
						unsigned int id)
{
	if (id >= MAX_S390_IO_ADAPTERS)
		return NULL;
	id = array_index_nospec(id, MAX_S390_IO_ADAPTERS);
	/* pairs with the smp_store_release() of the registration */
	return smp_load_acquire(&kvm->arch.adapters[id]);
}

/*
 * ADAPTER_REGISTER. Differs from 6.1: the ISC is validated (0..7), since
 * the adapter's interrupts are queued by ISC.
 */
int kvm_s390_flic_register_adapter(struct kvm_device *dev,
				   struct kvm_device_attr *attr)
{
	struct kvm_s390_flic *flic = dev->private;
	struct kvm_s390_io_adapter info;
	struct s390_io_adapter *adapter;
	unsigned int id;
	int rc = 0;

	if (copy_from_user(&info, (void __user *)(unsigned long)attr->addr,
			   sizeof(info)))
		return -EFAULT;
	if (info.id >= MAX_S390_IO_ADAPTERS)
		return -EINVAL;
	if (info.isc > MAX_ISC)
		return -EINVAL;
	id = array_index_nospec(info.id, MAX_S390_IO_ADAPTERS);

	adapter = kzalloc(sizeof(*adapter), GFP_KERNEL_ACCOUNT);
	if (!adapter)
		return -ENOMEM;
	adapter->id = id;
	adapter->isc = info.isc;
	adapter->maskable = info.maskable;
	adapter->masked = false;
	adapter->swap = info.swap;
	adapter->suppressible = info.flags & KVM_S390_ADAPTER_SUPPRESSIBLE;

	/* flic->lock makes "already registered" and the store one step */
	mutex_lock(&flic->lock);
	if (dev->kvm->arch.adapters[id]) {
		rc = -EINVAL;
	} else {
		/* pairs with smp_load_acquire() in the lookup: fields first */
		smp_store_release(&dev->kvm->arch.adapters[id], adapter);
		adapter = NULL;
	}
	mutex_unlock(&flic->lock);
	kfree(adapter);
	return rc;
}

/* Returns the previous mask state, or -EINVAL. */
int kvm_s390_mask_adapter(struct kvm *kvm, unsigned int id, bool masked)
{
	struct s390_io_adapter *adapter = kvm_s390_get_io_adapter(kvm, id);
	int ret;

	if (!adapter || !adapter->maskable)
		return -EINVAL;
	/* userspace serializes MASK requests; readers tolerate either value */
	ret = READ_ONCE(adapter->masked);
	WRITE_ONCE(adapter->masked, masked);
	return ret;
}

void kvm_s390_destroy_adapters(struct kvm *kvm)
{
	int i;

	for (i = 0; i < MAX_S390_IO_ADAPTERS; i++) {
		kfree(kvm->arch.adapters[i]);
		kvm->arch.adapters[i] = NULL;
	}
}

/*
 * MAP: remember one indicator page of an adapter. 6.1 turned MAP and
 * UNMAP into no-ops; upstream's 2026 series makes MAP pin the page again
 * (EINVAL past the limit) and UNMAP of an address not mapped -ENOENT.
 * This FLIC has the same errnos but pins nothing: the indicators are
 * written through the memslots at each injection (a page that cannot be
 * pinned then drops that injection). MAP only checks that the page could
 * be pinned for writing now (EFAULT), and allows at most
 * KVM_S390_FLIC_MAX_MAPS maps per VM (EINVAL beyond; upstream counts
 * per adapter).
 */
static int adapter_map(struct kvm_device *dev, unsigned int id, u64 addr)
{
	struct kvm_s390_flic *flic = dev->private;
	struct kvm_s390_flic_map *map;
	struct page *page;
	int rc = 0, idx;

	idx = srcu_read_lock(&dev->kvm->srcu);
	page = gfn_to_page(dev->kvm, gpa_to_gfn(addr));
	srcu_read_unlock(&dev->kvm->srcu, idx);
	if (is_error_page(page))
		return -EFAULT;
	kvm_release_page_clean(page);
	map = kzalloc(sizeof(*map), GFP_KERNEL_ACCOUNT);
	if (!map)
		return -ENOMEM;
	map->adapter_id = id;
	map->guest_addr = addr;

	mutex_lock(&flic->lock);
	if (flic->nr_maps >= KVM_S390_FLIC_MAX_MAPS) {
		rc = -EINVAL;
	} else {
		list_add_tail(&map->list, &flic->maps);
		flic->nr_maps++;
		map = NULL;
	}
	mutex_unlock(&flic->lock);
	kfree(map);
	return rc;
}

static int adapter_unmap(struct kvm_device *dev, unsigned int id, u64 addr)
{
	struct kvm_s390_flic *flic = dev->private;
	struct kvm_s390_flic_map *map, *found = NULL;

	mutex_lock(&flic->lock);
	list_for_each_entry(map, &flic->maps, list) {
		if (map->adapter_id == id && map->guest_addr == addr) {
			list_del(&map->list);
			flic->nr_maps--;
			found = map;
			break;
		}
	}
	mutex_unlock(&flic->lock);
	kfree(found);
	return found ? 0 : -ENOENT;
}

void kvm_s390_flic_unmap_all(struct kvm_device *dev)
{
	struct kvm_s390_flic *flic = dev->private;
	struct kvm_s390_flic_map *map, *n;

	list_for_each_entry_safe(map, n, &flic->maps, list) {
		list_del(&map->list);
		kfree(map);
	}
	flic->nr_maps = 0;
}

int kvm_s390_flic_modify_adapter(struct kvm_device *dev,
				 struct kvm_device_attr *attr)
{
	struct kvm_s390_io_adapter_req req;
	int ret;

	if (copy_from_user(&req, (void __user *)(unsigned long)attr->addr,
			   sizeof(req)))
		return -EFAULT;
	if (!kvm_s390_get_io_adapter(dev->kvm, req.id))
		return -EINVAL;

	switch (req.type) {
	case KVM_S390_IO_ADAPTER_MASK:
		ret = kvm_s390_mask_adapter(dev->kvm, req.id, req.mask);
		return ret > 0 ? 0 : ret;
	case KVM_S390_IO_ADAPTER_MAP:
		return adapter_map(dev, req.id, req.addr);
	case KVM_S390_IO_ADAPTER_UNMAP:
		return adapter_unmap(dev, req.id, req.addr);
	default:
		return -EINVAL;
	}
}

/* AISM: set one ISC's mode to ALL (0) or SINGLE (1). */
int kvm_s390_flic_modify_ais_mode(struct kvm *kvm,
				  struct kvm_device_attr *attr)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_ais_req req;
	int ret = 0;

	if (!test_kvm_facility(kvm, KVM_S390_FAC_AIS))
		return -EOPNOTSUPP;
	if (copy_from_user(&req, (void __user *)(unsigned long)attr->addr,
			   sizeof(req)))
		return -EFAULT;
	if (req.isc > MAX_ISC)
		return -EINVAL;

	mutex_lock(&fi->ais_lock);
	switch (req.mode) {
	case KVM_S390_AIS_MODE_ALL:
		fi->simm &= ~AIS_MODE_MASK(req.isc);
		fi->nimm &= ~AIS_MODE_MASK(req.isc);
		break;
	case KVM_S390_AIS_MODE_SINGLE:
		fi->simm |= AIS_MODE_MASK(req.isc);
		fi->nimm &= ~AIS_MODE_MASK(req.isc);
		break;
	default:
		ret = -EINVAL;
	}
	mutex_unlock(&fi->ais_lock);
	return ret;
}

/*
 * Inject an adapter interrupt for @adapter's ISC. For a suppressible
 * adapter with AIS on: nothing while the ISC is in no-more-interrupts
 * mode (returns 0), and in single mode the injection switches the ISC to
 * no-more-interrupts until AISM re-arms it.
 */
int kvm_s390_inject_airq(struct kvm *kvm,
			 struct s390_io_adapter *adapter)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_interrupt s390int = {
		.type = KVM_S390_INT_IO(1, 0, 0, 0),
		.parm = 0,
		.parm64 = ((u32)adapter->isc << 27) | 0x80000000U,
	};
	int ret = 0;

	if (!test_kvm_facility(kvm, KVM_S390_FAC_AIS) || !adapter->suppressible)
		return kvm_s390_inject_vm(kvm, &s390int);

	mutex_lock(&fi->ais_lock);
	if (fi->nimm & AIS_MODE_MASK(adapter->isc))
		goto out;
	ret = kvm_s390_inject_vm(kvm, &s390int);
	if (!ret && (fi->simm & AIS_MODE_MASK(adapter->isc)))
		fi->nimm |= AIS_MODE_MASK(adapter->isc);
out:
	mutex_unlock(&fi->ais_lock);
	return ret;
}

int kvm_s390_flic_inject_airq(struct kvm *kvm, struct kvm_device_attr *attr)
{
	struct s390_io_adapter *adapter;

	/* ids above 32 bits must not alias a small id */
	if (attr->attr >= MAX_S390_IO_ADAPTERS)
		return -EINVAL;
	adapter = kvm_s390_get_io_adapter(kvm, attr->attr);
	if (!adapter)
		return -EINVAL;
	return kvm_s390_inject_airq(kvm, adapter);
}

int kvm_s390_flic_ais_get_all(struct kvm *kvm, struct kvm_device_attr *attr)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_ais_all ais;

	if (attr->attr < sizeof(ais))
		return -EINVAL;
	if (!test_kvm_facility(kvm, KVM_S390_FAC_AIS))
		return -EOPNOTSUPP;

	mutex_lock(&fi->ais_lock);
	ais.simm = fi->simm;
	ais.nimm = fi->nimm;
	mutex_unlock(&fi->ais_lock);

	if (copy_to_user((void __user *)(unsigned long)attr->addr, &ais,
			 sizeof(ais)))
		return -EFAULT;
	return 0;
}

int kvm_s390_flic_ais_set_all(struct kvm *kvm, struct kvm_device_attr *attr)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_ais_all ais;

	if (!test_kvm_facility(kvm, KVM_S390_FAC_AIS))
		return -EOPNOTSUPP;
	if (copy_from_user(&ais, (void __user *)(unsigned long)attr->addr,
			   sizeof(ais)))
		return -EFAULT;

	mutex_lock(&fi->ais_lock);
	fi->simm = ais.simm;
	fi->nimm = ais.nimm;
	mutex_unlock(&fi->ais_lock);
	return 0;
}
