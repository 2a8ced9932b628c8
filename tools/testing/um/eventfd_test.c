// SPDX-License-Identifier: GPL-2.0
/* eventfd contexts over real eventfds. */
#include <sys/eventfd.h>
#include <unistd.h>
#include "kselftest_harness.h"

#include <linux/eventfd.h>

TEST(bad_fds)
{
	int p[2];

	EXPECT_EQ(-EBADF, PTR_ERR(eventfd_ctx_fdget(-1)));
	EXPECT_EQ(-EBADF, PTR_ERR(eventfd_ctx_fdget(100000)));
	ASSERT_EQ(0, pipe(p));
	EXPECT_EQ(-EINVAL, PTR_ERR(eventfd_ctx_fdget(p[0])));
	close(p[0]);
	close(p[1]);
}

TEST(signal_visible_to_read)
{
	int fd = eventfd(0, EFD_CLOEXEC);
	struct eventfd_ctx *ctx;
	uint64_t v = 0;

	ASSERT_GE(fd, 0);
	ctx = eventfd_ctx_fdget(fd);
	ASSERT_FALSE(IS_ERR(ctx));
	EXPECT_EQ(3, eventfd_signal(ctx, 3));
	EXPECT_EQ(1, eventfd_signal(ctx, 1));
	EXPECT_EQ(sizeof(v), read(fd, &v, sizeof(v)));
	EXPECT_EQ(4, v);
	/* the context holds its own reference to the eventfd */
	eventfd_ctx_get(ctx);
	eventfd_ctx_put(ctx);
	int fd2 = dup(fd);

	close(fd);
	EXPECT_EQ(1, eventfd_signal(ctx, 1));
	EXPECT_EQ(sizeof(v), read(fd2, &v, sizeof(v)));
	EXPECT_EQ(1, v);
	eventfd_ctx_put(ctx);
	close(fd2);
}

TEST_HARNESS_MAIN
