// SPDX-License-Identifier: GPL-2.0
/* list, hlist, kref, bitops, find_bit and friends. */
#include "kselftest_harness.h"

#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/overflow.h>
#include <linux/nospec.h>
#include <linux/slab.h>
#include <asm/byteorder.h>

struct item {
	int v;
	struct list_head node;
	struct hlist_node hnode;
	struct kref ref;
};

TEST(list_ops)
{
	LIST_HEAD(head);
	LIST_HEAD(other);
	struct item it[5], *pos, *n;
	int i, sum = 0;

	EXPECT_TRUE(list_empty(&head));
	EXPECT_EQ(NULL, list_first_entry_or_null(&head, struct item, node));
	for (i = 0; i < 5; i++) {
		it[i].v = i;
		list_add_tail(&it[i].node, &head);
	}
	EXPECT_EQ(5, list_count_nodes(&head));
	EXPECT_EQ(&it[0], list_first_entry(&head, struct item, node));
	EXPECT_EQ(&it[4], list_last_entry(&head, struct item, node));
	i = 0;
	list_for_each_entry(pos, &head, node)
		EXPECT_EQ(i++, pos->v);
	list_for_each_entry_safe(pos, n, &head, node) {
		if (pos->v % 2)
			list_move_tail(&pos->node, &other);
	}
	EXPECT_EQ(3, list_count_nodes(&head));
	EXPECT_EQ(2, list_count_nodes(&other));
	list_splice_tail_init(&other, &head);
	EXPECT_TRUE(list_empty(&other));
	list_for_each_entry_reverse(pos, &head, node)
		sum = sum * 10 + pos->v;
	EXPECT_EQ(31420, sum);
	list_del_init(&it[2].node);
	EXPECT_TRUE(list_empty(&it[2].node));
	list_del(&it[0].node);
	EXPECT_EQ(LIST_POISON1, it[0].node.next);
	EXPECT_EQ(&it[4], list_first_entry(&head, struct item, node));
	EXPECT_TRUE(list_is_last(&it[3].node, &head));
}

TEST(hlist)
{
	HLIST_HEAD(h);
	struct item it[3], *pos;
	struct hlist_node *tmp;
	int i, n = 0;

	for (i = 0; i < 3; i++) {
		it[i].v = i;
		hlist_add_head(&it[i].hnode, &h);
	}
	hlist_for_each_entry(pos, &h, hnode)
		EXPECT_EQ(2 - n++, pos->v);
	hlist_for_each_entry_safe(pos, tmp, &h, hnode)
		hlist_del_init(&pos->hnode);
	EXPECT_TRUE(hlist_empty(&h));
}

static int released;

static void item_release(struct kref *kref)
{
	struct item *it = container_of(kref, struct item, ref);

	released = it->v;
	kfree(it);
}

TEST(kref_basics)
{
	struct item *it = kzalloc(sizeof(*it), GFP_KERNEL);

	ASSERT_NE(NULL, it);
	it->v = 42;
	kref_init(&it->ref);
	kref_get(&it->ref);
	EXPECT_EQ(2, kref_read(&it->ref));
	EXPECT_EQ(0, kref_put(&it->ref, item_release));
	EXPECT_EQ(0, released);
	EXPECT_EQ(1, kref_put(&it->ref, item_release));
	EXPECT_EQ(42, released);
}

TEST(bits)
{
	DECLARE_BITMAP(map, 130);
	unsigned long bit, n = 0;

	bitmap_zero(map, 130);
	EXPECT_TRUE(bitmap_empty(map, 130));
	set_bit(3, map);
	__set_bit(64, map);
	set_bit(129, map);
	EXPECT_EQ(3, bitmap_weight(map, 130));
	EXPECT_EQ(3, find_first_bit(map, 130));
	EXPECT_EQ(64, find_next_bit(map, 130, 4));
	EXPECT_EQ(0, find_first_zero_bit(map, 130));
	EXPECT_TRUE(test_and_clear_bit(64, map));
	EXPECT_FALSE(test_and_set_bit(65, map));
	EXPECT_TRUE(test_bit(65, map));
	for_each_set_bit(bit, map, 130)
		n += bit;
	EXPECT_EQ(3 + 65 + 129, n);
	EXPECT_EQ(129, find_last_bit(map, 130));
	EXPECT_EQ(65, find_last_bit(map, 129));
	EXPECT_EQ(65, find_nth_bit(map, 130, 1));
	EXPECT_EQ(130, find_nth_bit(map, 130, 3));
	EXPECT_EQ(66, find_next_zero_bit(map, 130, 65));
	n = 0;
	for_each_clear_bit(bit, map, 130)
		n++;
	EXPECT_EQ(127, n);
	bitmap_fill(map, 130);
	EXPECT_TRUE(bitmap_full(map, 130));
	EXPECT_EQ(0xf0UL, GENMASK(7, 4));
	EXPECT_EQ(1ULL << 40, BIT_ULL(40));
	EXPECT_EQ(5, ilog2(32 + 1));
	EXPECT_EQ(64, roundup_pow_of_two(33));
	EXPECT_EQ(4, fls(8));
	EXPECT_EQ(3, __ffs(8));
	EXPECT_EQ(16, DIV_ROUND_UP(31, 2));
	EXPECT_EQ(32, round_up(17, 16));
	EXPECT_EQ(3, min(3, 4));
	EXPECT_EQ(4u, max_t(u32, 3, 4));
	EXPECT_EQ(10, clamp(12, 0, 10));
	EXPECT_EQ(SIZE_MAX, array_size(SIZE_MAX, 2));
	EXPECT_EQ(0, array_index_nospec(5, 4));
	EXPECT_EQ(3, array_index_nospec(3, 4));
}

TEST(byteorder)
{
	u8 raw[8] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
	__be32 be = cpu_to_be32(0x12345678);

	EXPECT_EQ(0, memcmp(&be, raw, 4));
	EXPECT_EQ(0x12345678, be32_to_cpu(be));
	EXPECT_EQ(0x7856, swab16(0x5678));
}

TEST_HARNESS_MAIN
