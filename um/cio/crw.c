// SPDX-License-Identifier: GPL-2.0
/*
 * Channel-report words, delivered as 6.1's s390/kernel/crw.c does: the
 * machine check "channel report pending" (here: the channel subsystem's
 * notification) wakes the collector, which stores CRWs with STCRW until
 * none is left and hands each report (a CRW and its chained successor)
 * to the handler registered for its reporting-source code.
 *
 * crw_handler_mutex protects the handler table; the collector runs on
 * an ordered workqueue, so handlers are called one report at a time.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <asm/crw.h>

#include "ioasm.h"

static DEFINE_MUTEX(crw_handler_mutex);
static crw_handler_t crw_handlers[NR_RSCS];
static struct workqueue_struct *crw_wq;
static DEFINE_MUTEX(crw_wq_mutex);

int crw_register_handler(int rsc, crw_handler_t handler)
{
	int ret = 0;

	if (rsc < 0 || rsc >= NR_RSCS)
		return -EINVAL;
	mutex_lock(&crw_handler_mutex);
	if (crw_handlers[rsc])
		ret = -EBUSY;
	else
		crw_handlers[rsc] = handler;
	mutex_unlock(&crw_handler_mutex);
	return ret;
}

void crw_unregister_handler(int rsc)
{
	if (rsc < 0 || rsc >= NR_RSCS)
		return;
	mutex_lock(&crw_handler_mutex);
	crw_handlers[rsc] = NULL;
	mutex_unlock(&crw_handler_mutex);
}

static void crw_collect(struct work_struct *work)
{
	struct crw crw[2];
	crw_handler_t handler;
	int chain = 0;

	for (;;) {
		if (stcrw(&crw[chain]) != 0)
			break;
		/* a chained report comes in two CRWs */
		if (crw[chain].chn && !chain) {
			chain = 1;
			continue;
		}
		mutex_lock(&crw_handler_mutex);
		handler = crw_handlers[crw[0].rsc];
		if (handler)
			handler(&crw[0], chain ? &crw[1] : NULL,
				crw[0].oflw);
		mutex_unlock(&crw_handler_mutex);
		chain = 0;
	}
}

static DECLARE_WORK(crw_work, crw_collect);

/* the machine check: a channel report is pending (any thread) */
void crw_handle_channel_report(void)
{
	mutex_lock(&crw_wq_mutex);
	if (!crw_wq)
		crw_wq = alloc_ordered_workqueue("crw", 0);
	mutex_unlock(&crw_wq_mutex);
	if (crw_wq)
		queue_work(crw_wq, &crw_work);
}

/* wait until every report seen so far has been handled */
void crw_wait_for_channel_report(void)
{
	crw_handle_channel_report();
	if (crw_wq)
		flush_workqueue(crw_wq);
}
