// SPDX-License-Identifier: GPL-2.0
/*
 * ctmod: a small nf_sockopt_ops registrant at PF_INET that hands user space the kernel's own
 * struct nf_conntrack_tuple of a live connection-tracking entry.
 *
 *   getsockopt(fd, SOL_IP, CTMOD_SO_GET_TUPLE, &tuple, &len)   len == sizeof(struct nf_conntrack_tuple)
 *       tuple is one direction of a connection (src, dst, l3num, protonum; dir ignored); the entry is found
 *       with the kernel's conntrack lookup, as getorigdst() does for SO_ORIGINAL_DST, and the answer, in place,
 *       is the entry's tuple of the other direction, as the kernel keeps it (dst.dir included).
 *       ENOENT: no such entry; EINVAL: another length, or an l3num that is neither AF_INET nor AF_INET6.
 *   getsockopt(fd, SOL_IP, CTMOD_SO_GET_STATS, &stats, &len)    struct ctmod_stats, truncated to len
 *   setsockopt(fd, SOL_IP, CTMOD_SO_SET_TUPLE, &tuple, len)     len == sizeof(struct nf_conntrack_tuple)
 *       pins an expected tuple (until the next SET or the unload): later lookups of it count as pinned
 *       hits. Needs CAP_NET_ADMIN.
 *
 * CTMOD_SO_GET_TUPLE and CTMOD_SO_SET_TUPLE share number 3200, as IPT_SO_GET_INFO and IPT_SO_SET_REPLACE
 * share 64: a GET command passed to setsockopt pins the caller's query instead of answering it.
 */
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/sockptr.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <net/sock.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_tuple.h>
#include <net/netfilter/nf_conntrack_zones.h>

#define CTMOD_BASE_CTL		3200
#define CTMOD_SO_GET_TUPLE	(CTMOD_BASE_CTL)
#define CTMOD_SO_GET_STATS	(CTMOD_BASE_CTL + 1)
#define CTMOD_SO_GET_MAX	CTMOD_SO_GET_STATS
#define CTMOD_SO_SET_TUPLE	(CTMOD_BASE_CTL)
#define CTMOD_SO_SET_MAX	CTMOD_SO_SET_TUPLE

/* What CTMOD_SO_GET_STATS answers; the caller's length may be shorter (the copy is truncated). */
struct ctmod_stats {
	__u64 lookups;	/* CTMOD_SO_GET_TUPLE calls that reached the lookup */
	__u64 found;	/* ... that found an entry */
	__u64 pinned;	/* CTMOD_SO_SET_TUPLE calls */
	__u64 pinned_hits;	/* lookups of the pinned tuple that found an entry */
};

static atomic64_t ctmod_lookups = ATOMIC64_INIT(0);
static atomic64_t ctmod_found = ATOMIC64_INIT(0);
static atomic64_t ctmod_pinned = ATOMIC64_INIT(0);
static atomic64_t ctmod_pinned_hits = ATOMIC64_INIT(0);
static DEFINE_SPINLOCK(ctmod_pin_lock);
static struct nf_conntrack_tuple ctmod_pin;

static int ctmod_get_tuple(struct sock *sk, void __user *user, int *len)
{
	const struct nf_conntrack_tuple_hash *h;
	struct nf_conntrack_tuple tuple;
	struct nf_conn *ct;
	int ret = 0;

	if (*len != sizeof(tuple))
		return -EINVAL;
	if (copy_from_user(&tuple, user, sizeof(tuple)))
		return -EFAULT;
	if (tuple.src.l3num != AF_INET && tuple.src.l3num != AF_INET6)
		return -EINVAL;
	tuple.dst.dir = IP_CT_DIR_ORIGINAL;	/* not part of the lookup */

	atomic64_inc(&ctmod_lookups);
	h = nf_conntrack_find_get(sock_net(sk), &nf_ct_zone_dflt, &tuple);
	if (!h)
		return -ENOENT;
	atomic64_inc(&ctmod_found);
	spin_lock_bh(&ctmod_pin_lock);
	if (nf_ct_tuple_equal(&tuple, &ctmod_pin))
		atomic64_inc(&ctmod_pinned_hits);
	spin_unlock_bh(&ctmod_pin_lock);

	ct = nf_ct_tuplehash_to_ctrack(h);
	if (copy_to_user(user, &ct->tuplehash[!NF_CT_DIRECTION(h)].tuple, sizeof(tuple)))
		ret = -EFAULT;
	nf_ct_put(ct);
	return ret;
}

static int ctmod_get_stats(void __user *user, int *len)
{
	struct ctmod_stats stats = {
		.lookups = atomic64_read(&ctmod_lookups),
		.found = atomic64_read(&ctmod_found),
		.pinned = atomic64_read(&ctmod_pinned),
		.pinned_hits = atomic64_read(&ctmod_pinned_hits),
	};
	int n;

	if (*len < 0)
		return -EINVAL;
	n = min_t(int, *len, sizeof(stats));
	if (copy_to_user(user, &stats, n))
		return -EFAULT;
	*len = n;
	return 0;
}

static int ctmod_get(struct sock *sk, int optval, void __user *user, int *len)
{
	switch (optval) {
	case CTMOD_SO_GET_TUPLE:
		return ctmod_get_tuple(sk, user, len);
	case CTMOD_SO_GET_STATS:
		return ctmod_get_stats(user, len);
	default:
		return -EINVAL;
	}
}

static int ctmod_set(struct sock *sk, int optval, sockptr_t arg, unsigned int len)
{
	struct nf_conntrack_tuple tuple;

	if (!ns_capable(sock_net(sk)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (optval != CTMOD_SO_SET_TUPLE)
		return -EINVAL;
	if (len != sizeof(tuple))
		return -EINVAL;
	if (copy_from_sockptr(&tuple, arg, sizeof(tuple)))
		return -EFAULT;

	spin_lock_bh(&ctmod_pin_lock);
	ctmod_pin = tuple;
	spin_unlock_bh(&ctmod_pin_lock);
	atomic64_inc(&ctmod_pinned);
	return 0;
}

static struct nf_sockopt_ops ctmod_sockopts = {
	.pf		= PF_INET,
	.set_optmin	= CTMOD_BASE_CTL,
	.set_optmax	= CTMOD_SO_SET_MAX + 1,
	.set		= ctmod_set,
	.get_optmin	= CTMOD_BASE_CTL,
	.get_optmax	= CTMOD_SO_GET_MAX + 1,
	.get		= ctmod_get,
	.owner		= THIS_MODULE,
};

static int __init ctmod_init(void)
{
	return nf_register_sockopt(&ctmod_sockopts);
}

static void __exit ctmod_exit(void)
{
	nf_unregister_sockopt(&ctmod_sockopts);
}

module_init(ctmod_init);
module_exit(ctmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nf_sockopt_ops sample: a live conntrack entry's struct nf_conntrack_tuple for user space");
