// SPDX-License-Identifier: GPL-2.0
/*
 * The css bus of the user-mode host, standing in for 6.1's
 * drivers/s390/cio/css.c: struct subchannel for each I/O subchannel of
 * the machine, css_driver registration and binding (driver_override as
 * in 6.1), I/O interruptions delivered to the bound driver's irq() under
 * sch->lock with the IRB in cio_irb (as 6.1's do_cio_interrupt does),
 * and subchannel / channel-path events from CRWs to sch_event() and
 * chp_event().
 *
 * Binding differs from 6.1 in one way: this host has no io_subchannel
 * driver to own unclaimed subchannels, so a newly registered driver
 * binds by itself only to subchannels whose driver_override names it
 * (the machine file's driver=); others are bound through sysfs (bind,
 * drivers_probe) or um_css_bind(), which apply 6.1's match.
 *
 * Locking: css_mutex protects the subchannel table, the driver list and
 * every binding (probe and remove run under it); sch->driver and the
 * drvdata are also changed under sch->lock, which the interruption
 * handler holds.  sch->lock (a spinlock, one per subchannel) serializes
 * the irq handler with the driver's own I/O calls, as in 6.1.  The
 * handler runs in interruption context (irq_enter()) and takes no
 * mutex: it finds the subchannel in the table without css_mutex (the
 * table only grows; nr_subchannels is published with release), so a
 * driver's remove() may wait for its interrupts.  chp_event() runs
 * under sch->lock, as in 6.1.  Order: css_mutex > sch->lock.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/hardirq.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <asm/isc.h>
#include <um/sched.h>
#include <sys/prctl.h>

#include "chp.h"
#include "cio.h"
#include "css.h"
#include "ioasm.h"
#include "um_cio.h"
#include "../hw/css.h"

/*
 * What the channel subsystem reports it can do (6.1 reads it with CHSC
 * at boot).  All zero: the simulated machine has no transport mode
 * (fcx), no MIDAWs and none of the other optional facilities.
 */
struct css_general_char css_general_characteristics;

static DEFINE_MUTEX(css_mutex);
static struct subchannel *subchannels[UM_CSS_MAX_SCH];
static int nr_subchannels;	/* grows only; release-stored */
static LIST_HEAD(css_drivers);

struct css_drv_entry {
	struct list_head node;
	struct css_driver *drv;
};

static struct css_driver *find_driver(const char *name)
{
	struct css_drv_entry *e;

	list_for_each_entry(e, &css_drivers, node)
		if (!strcmp(e->drv->drv.name, name))
			return e->drv;
	return NULL;
}

/* 6.1's css_bus_match */
static bool css_match(struct subchannel *sch, struct css_driver *drv)
{
	struct css_device_id *id;

	if (sch->driver_override && strcmp(sch->driver_override,
					   drv->drv.name))
		return false;
	for (id = drv->subchannel_type; id && id->match_flags; id++)
		if (sch->st == id->type)
			return true;
	return false;
}

/* css_mutex held; sch->lock: an interruption handler may be looking */
static void forget_driver(struct subchannel *sch)
{
	spin_lock_irq(sch->lock);
	WRITE_ONCE(sch->driver, NULL);	/* sysfs reads it locklessly */
	sch->dev.driver = NULL;
	dev_set_drvdata(&sch->dev, NULL);
	spin_unlock_irq(sch->lock);
}

/* css_mutex held */
static int bind_locked(struct subchannel *sch, struct css_driver *drv)
{
	int ret;

	if (sch->driver)
		return -EBUSY;
	if (!css_match(sch, drv))
		return -ENODEV;
	spin_lock_irq(sch->lock);
	WRITE_ONCE(sch->driver, drv);
	sch->dev.driver = &drv->drv;
	spin_unlock_irq(sch->lock);
	ret = drv->probe ? drv->probe(sch) : 0;
	if (ret)
		forget_driver(sch);
	return ret;
}

static void unbind_locked(struct subchannel *sch)
{
	struct css_driver *drv = sch->driver;

	if (!drv)
		return;
	if (drv->remove)
		drv->remove(sch);
	forget_driver(sch);
}

bool um_css_driver_exists(const char *name)
{
	bool ret;

	mutex_lock(&css_mutex);
	ret = find_driver(name);
	mutex_unlock(&css_mutex);
	return ret;
}

/* the registered drivers' names, NUL-terminated one after the other */
int um_css_driver_names(char *buf, size_t len, size_t *used)
{
	struct css_drv_entry *e;
	size_t n;
	int ret = 0;

	mutex_lock(&css_mutex);
	list_for_each_entry(e, &css_drivers, node) {
		n = strlen(e->drv->drv.name) + 1;
		if (*used + n > len) {
			ret = -ERANGE;
			break;
		}
		memcpy(buf + *used, e->drv->drv.name, n);
		*used += n;
	}
	mutex_unlock(&css_mutex);
	return ret;
}

int um_css_bind(struct subchannel *sch, const char *name)
{
	struct css_driver *drv;
	int ret;

	mutex_lock(&css_mutex);
	drv = find_driver(name);
	ret = drv ? bind_locked(sch, drv) : -ENODEV;
	mutex_unlock(&css_mutex);
	return ret;
}

int um_css_unbind(struct subchannel *sch)
{
	int ret = 0;

	mutex_lock(&css_mutex);
	if (sch->driver)
		unbind_locked(sch);
	else
		ret = -ENODEV;
	mutex_unlock(&css_mutex);
	return ret;
}

/* drivers_probe: the first registered driver that matches */
int um_css_probe(struct subchannel *sch)
{
	struct css_drv_entry *e;
	int ret = -ENODEV;

	mutex_lock(&css_mutex);
	if (sch->driver) {
		ret = 0;
		goto out;
	}
	list_for_each_entry(e, &css_drivers, node) {
		ret = bind_locked(sch, e->drv);
		if (ret != -ENODEV)
			break;
	}
out:
	mutex_unlock(&css_mutex);
	return ret;
}

int css_driver_register(struct css_driver *cdrv)
{
	struct css_drv_entry *e;
	int i;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->drv = cdrv;
	mutex_lock(&css_mutex);
	if (find_driver(cdrv->drv.name)) {
		mutex_unlock(&css_mutex);
		kfree(e);
		return -EBUSY;
	}
	list_add_tail(&e->node, &css_drivers);
	for (i = 0; i < nr_subchannels; i++) {
		struct subchannel *sch = subchannels[i];

		if (sch->driver_override && !sch->driver)
			bind_locked(sch, cdrv);
	}
	mutex_unlock(&css_mutex);
	return 0;
}

void css_driver_unregister(struct css_driver *cdrv)
{
	struct css_drv_entry *e;
	int i;

	mutex_lock(&css_mutex);
	for (i = 0; i < nr_subchannels; i++)
		if (subchannels[i]->driver == cdrv)
			unbind_locked(subchannels[i]);
	list_for_each_entry(e, &css_drivers, node) {
		if (e->drv == cdrv) {
			list_del(&e->node);
			kfree(e);
			break;
		}
	}
	mutex_unlock(&css_mutex);
}

struct subchannel *get_subchannel_by_schid(struct subchannel_id schid)
{
	struct subchannel *sch = NULL;

	mutex_lock(&css_mutex);
	if (!schid.ssid && !schid.cssid && schid.sch_no < nr_subchannels) {
		sch = subchannels[schid.sch_no];
		get_device(&sch->dev);
	}
	mutex_unlock(&css_mutex);
	return sch;
}

/*
 * The subchannel by number, no reference (they live as long as the
 * host).  No mutex: the table only grows, so this serves interruption
 * context and callers holding sch->lock alike.
 */
struct subchannel *um_cio_sch(int nr)
{
	/* pairs with um_cio_scan()'s release: subchannels[nr] is set */
	if (nr < 0 || nr >= smp_load_acquire(&nr_subchannels))
		return NULL;
	return subchannels[nr];
}

int um_cio_nr_sch(void)
{
	return smp_load_acquire(&nr_subchannels);
}

int for_each_subchannel_staged(int (*fn_known)(struct subchannel *, void *),
			       int (*fn_unknown)(struct subchannel_id, void *),
			       void *data)
{
	int i, n, ret = 0;

	n = um_cio_nr_sch();
	for (i = 0; i < n && !ret; i++)
		ret = fn_known ? fn_known(um_cio_sch(i), data) : 0;
	return ret;
}

int driver_set_override(struct device *dev, const char **override,
			const char *s, size_t len)
{
	const char *old = *override, *new = NULL;

	if (len >= 4096)	/* PAGE_SIZE, as sysfs stores go */
		return -EINVAL;
	if (len && s[len - 1] == '\n')
		len--;
	if (len) {
		new = kstrndup(s, len, GFP_KERNEL);
		if (!new)
			return -ENOMEM;
	}
	device_lock(dev);
	*override = new;
	device_unlock(dev);
	kfree(old);
	return 0;
}

/* ------------------------------------------------ subchannel todo */

static struct workqueue_struct *cio_work_q;

static void css_sch_todo(struct work_struct *work)
{
	struct subchannel *sch = container_of(work, struct subchannel,
					      todo_work);
	enum sch_todo todo;
	unsigned long flags;

	spin_lock_irqsave(sch->lock, flags);
	todo = sch->todo;
	sch->todo = SCH_TODO_NOTHING;
	spin_unlock_irqrestore(sch->lock, flags);
	mutex_lock(&css_mutex);
	switch (todo) {
	case SCH_TODO_EVAL:
		if (sch->driver && sch->driver->sch_event)
			sch->driver->sch_event(sch, 0);
		break;
	case SCH_TODO_UNREG:
		unbind_locked(sch);
		break;
	default:
		break;
	}
	mutex_unlock(&css_mutex);
	put_device(&sch->dev);
}

/* call with sch->lock held, as in 6.1 */
void css_sched_sch_todo(struct subchannel *sch, enum sch_todo todo)
{
	if (sch->todo >= todo)
		return;
	get_device(&sch->dev);
	sch->todo = todo;
	if (!queue_work(cio_work_q, &sch->todo_work))
		put_device(&sch->dev);
}

void css_sch_device_unregister(struct subchannel *sch)
{
	mutex_lock(&css_mutex);
	unbind_locked(sch);
	mutex_unlock(&css_mutex);
}

int css_complete_work(void)
{
	flush_workqueue(cio_work_q);
	return 0;
}

void css_schedule_reprobe(void)
{
	um_cio_scan();
}

/* ----------------------------------------------------- channel paths */

int chp_ssd_get_mask(struct chsc_ssd_info *ssd, struct chp_link *link)
{
	int i, mask;

	for (i = 0; i < 8; i++) {
		mask = 0x80 >> i;
		if (!(ssd->path_mask & mask) ||
		    !chp_id_is_equal(&ssd->chpid[i], &link->chpid))
			continue;
		if ((ssd->fla_valid_mask & mask) &&
		    (ssd->fla[i] & link->fla_mask) != link->fla)
			continue;
		return mask;
	}
	return 0;
}

int chp_get_status(struct chp_id chpid)
{
	return um_css_chpid_online(chpid.id) > 0;
}

u8 chp_get_sch_opm(struct subchannel *sch)
{
	u8 opm = 0;
	int i;

	for (i = 0; i < 8; i++)
		if ((sch->schib.pmcw.pim & (0x80 >> i)) &&
		    um_css_chpid_online(sch->schib.pmcw.chpid[i]) > 0)
			opm |= 0x80 >> i;
	return opm;
}

/* a channel path went off or on: every subchannel using it hears it */
static void chp_event_all(u8 chpid, int event)
{
	struct chp_link link = { };
	int i, k;

	link.chpid.id = chpid;
	mutex_lock(&css_mutex);
	for (i = 0; i < nr_subchannels; i++) {
		struct subchannel *sch = subchannels[i];
		bool uses = false;

		for (k = 0; k < 8; k++)
			uses |= (sch->ssd_info.path_mask & (0x80 >> k)) &&
				sch->ssd_info.chpid[k].id == chpid;
		if (!uses)
			continue;
		/* under sch->lock, as 6.1's s390_subchannel_remove_chpid() */
		spin_lock_irq(sch->lock);
		if (sch->driver && sch->driver->chp_event)
			sch->driver->chp_event(sch, &link, event);
		spin_unlock_irq(sch->lock);
	}
	mutex_unlock(&css_mutex);
}

static void css_process_crw(struct crw *crw0, struct crw *crw1,
			    int overflow)
{
	struct subchannel *sch;
	unsigned long flags;

	if (overflow) {
		int i, n = um_cio_nr_sch();

		/* reports were lost: evaluate everything */
		for (i = 0; i < n; i++) {
			sch = um_cio_sch(i);
			spin_lock_irqsave(sch->lock, flags);
			css_sched_sch_todo(sch, SCH_TODO_EVAL);
			spin_unlock_irqrestore(sch->lock, flags);
		}
		return;
	}
	sch = um_cio_sch(crw0->rsid);
	if (!sch)
		return;
	spin_lock_irqsave(sch->lock, flags);
	css_sched_sch_todo(sch, SCH_TODO_EVAL);
	spin_unlock_irqrestore(sch->lock, flags);
}

static void chp_process_crw(struct crw *crw0, struct crw *crw1,
			    int overflow)
{
	if (overflow)
		return;
	switch (crw0->erc) {
	case CRW_ERC_PERRI:
	case CRW_ERC_PERRN:
		chp_event_all(crw0->rsid, CHP_OFFLINE);
		break;
	case CRW_ERC_INIT:
		chp_event_all(crw0->rsid, CHP_ONLINE);
		break;
	}
}

/* ---------------------------------------------- I/O interruptions */

static int isc_refs[MAX_ISC + 1];

/*
 * isc_lock protects isc_refs; held while the new mask goes to the
 * machine, so masks reach it in order (isc_lock > um_css_lock).
 */
static DEFINE_SPINLOCK(isc_lock);

/* 6.1: CR6 bits set by isc_register(); here the host CPU's CR6 */
static u8 isc_mask;

void isc_register(unsigned int isc)
{
	if (WARN_ON(isc > MAX_ISC))
		return;
	spin_lock(&isc_lock);
	if (!isc_refs[isc]++)
		isc_mask |= 0x80 >> isc;
	um_css_set_isc_mask(isc_mask);
	spin_unlock(&isc_lock);
}

void isc_unregister(unsigned int isc)
{
	if (WARN_ON(isc > MAX_ISC))
		return;
	spin_lock(&isc_lock);
	if (!WARN_ON(!isc_refs[isc]) && !--isc_refs[isc])
		isc_mask &= ~(0x80 >> isc);
	um_css_set_isc_mask(isc_mask);
	spin_unlock(&isc_lock);
}

/*
 * One I/O interruption, taken by TPI: TSCH into cio_irb and the
 * driver's irq handler under sch->lock, as 6.1's do_cio_interrupt does.
 * (6.1 finds the subchannel from the intparm, which is its address;
 * host addresses do not fit 32 bits, so the subchannel id names it.)
 * Interruption context: the caller is between irq_enter()/irq_exit().
 */
static void do_cio_interrupt(struct subchannel_id schid)
{
	struct subchannel *sch;
	struct irb *irb;

	sch = um_cio_sch(schid.sch_no);
	if (!sch)
		return;
	irb = this_cpu_ptr(&cio_irb);
	spin_lock(sch->lock);
	if (tsch(schid, irb) == 0) {
		memcpy(&sch->schib.scsw, &irb->scsw, sizeof(irb->scsw));
		if (sch->driver && sch->driver->irq)
			sch->driver->irq(sch);
	}
	spin_unlock(sch->lock);
}

/*
 * The I/O new PSW: the machine calls it on the channel thread that made
 * an interruption pending, with none of its locks held, as a CPU
 * enabled for I/O takes it at once.  Like 6.1's do_io_irq() on LPAR it
 * takes every interruption its CR6 allows before returning.
 */
static void io_interrupt(void)
{
	struct subchannel_id schid;
	u32 intparm;

	irq_enter();
	while (um_css_tpi_cpu(&schid, &intparm, false))
		do_cio_interrupt(schid);
	irq_exit();
}

/*
 * The interruptions no channel thread takes itself: those made pending
 * by an instruction's immediate status (HSCH or CSCH of an idle
 * subchannel, a start refused busy: the issuer may hold sch->lock, as
 * a CPU with interruptions disabled would) and those whose ISC was
 * masked until isc_register().
 */
static void *io_irq_thread(void *arg)
{
	struct subchannel_id schid;
	u32 intparm;

	prctl(PR_SET_NAME, "cio-irq", 0, 0, 0);	/* before current->comm */
	for (;;) {
		if (!um_css_tpi_cpu(&schid, &intparm, true))
			continue;
		irq_enter();
		do_cio_interrupt(schid);
		irq_exit();
	}
	return NULL;
}

/* ------------------------------------------------------- start-up */

static void sch_release(struct device *dev)
{
	struct subchannel *sch = to_subchannel(dev);

	kfree(sch->driver_override);
	kfree(sch);
}

static struct subchannel *alloc_sch(int nr, struct schib *schib)
{
	struct subchannel *sch;
	int i;

	sch = kzalloc(sizeof(*sch), GFP_KERNEL);
	if (!sch)
		return NULL;
	init_subchannel_id(&sch->schid);
	sch->schid.sch_no = nr;
	sch->st = schib->pmcw.st;
	sch->schib = *schib;
	spin_lock_init(&sch->um_lock);
	sch->lock = &sch->um_lock;
	mutex_init(&sch->reg_mutex);
	INIT_WORK(&sch->todo_work, css_sch_todo);
	device_initialize(&sch->dev);
	sch->dev.release = sch_release;
	if (dev_set_name(&sch->dev, "0.0.%04x", nr)) {
		kfree(sch);
		return NULL;
	}
	sch->isc = IO_SCH_ISC;
	sch->ssd_info.path_mask = schib->pmcw.pim;
	for (i = 0; i < 8; i++)
		sch->ssd_info.chpid[i].id = schib->pmcw.chpid[i];
	sch->lpm = schib->pmcw.pim & schib->pmcw.pam & schib->pmcw.pom;
	sch->opm = chp_get_sch_opm(sch);
	sch->config.intparm = 0;
	sch->dev.registered = true;
	return sch;
}

static pthread_once_t cio_started = PTHREAD_ONCE_INIT;
static int cio_start_err;

static void cio_start_threads(void)
{
	pthread_t t;

	um_css_set_io_handler(io_interrupt);
	isc_register(IO_SCH_ISC);
	cio_work_q = alloc_ordered_workqueue("cio", 0);
	if (!cio_work_q) {
		cio_start_err = -ENOMEM;
		return;
	}
	crw_register_handler(CRW_RSC_SCH, css_process_crw);
	crw_register_handler(CRW_RSC_CPATH, chp_process_crw);
	um_css_set_crw_notify(crw_handle_channel_report);
	cio_start_err = um_css_set_channel_threads(um_machine_channel_threads());
	if (!cio_start_err)
		cio_start_err = -um_kthread_create(&t, NULL, io_irq_thread,
						   NULL);
	if (!cio_start_err)
		pthread_detach(t);
}

int um_cio_scan(void)
{
	struct subchannel *sch;
	struct schib schib;
	const char *drv;
	int nr, ret = 0;

	/* no devices, no channel or interruption threads */
	if (!um_css_nr_subchannels())
		return 0;
	pthread_once(&cio_started, cio_start_threads);
	if (cio_start_err)
		return cio_start_err;
	mutex_lock(&css_mutex);
	for (nr = nr_subchannels; nr < UM_CSS_MAX_SCH; nr++) {
		struct subchannel_id id;

		init_subchannel_id(&id);
		id.sch_no = nr;
		if (stsch(id, &schib))
			break;
		sch = alloc_sch(nr, &schib);
		if (!sch) {
			ret = -ENOMEM;
			break;
		}
		drv = um_machine_sch_driver(nr);
		if (drv)
			sch->driver_override = kstrdup(drv, GFP_KERNEL);
		subchannels[nr_subchannels] = sch;
		/* an interruption handler reads it without css_mutex */
		smp_store_release(&nr_subchannels, nr_subchannels + 1);
		if (drv && find_driver(drv))
			bind_locked(sch, find_driver(drv));
	}
	mutex_unlock(&css_mutex);
	return ret;
}

/* the machine's subchannels appear on the bus at start-up */
static int __init css_bus_init(void)
{
	int ret = um_machine_load();

	if (ret)
		return ret;
	return um_cio_scan();
}
subsys_initcall(css_bus_init);
