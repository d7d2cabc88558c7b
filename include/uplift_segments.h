/*
 * uplift_segments.h - RFM types, grades and lifecycle stages derived from
 * history.csv, as the contract defines them.
 *
 * For each assigned user, as of `asof`: recency = whole days from the last
 * history order to asof; frequency = number of history orders; monetary =
 * their paid value. Each is "high" against a threshold from [segments] or,
 * when left out, the exact median over the users with history.
 *
 * Segments read only a user's history (uplift_history.h), never the
 * loader's data: the loader calls in here, not the other way round.
 */
#ifndef UPLIFT_SEGMENTS_H
#define UPLIFT_SEGMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <stddef.h>

#include "uplift_experiment.h"
#include "uplift_history.h"

/* The eight RFM types in the contract's order, then "no history". */
enum uplift_rfm {
	UPLIFT_RFM_HHH = 0, /* 重要价值客户 A */
	UPLIFT_RFM_HLH,     /* 重要发展客户 A */
	UPLIFT_RFM_LHH,     /* 重要保持客户 B */
	UPLIFT_RFM_LLH,     /* 重要挽留客户 B */
	UPLIFT_RFM_HHL,     /* 一般价值客户 B */
	UPLIFT_RFM_HLL,     /* 一般发展客户 B */
	UPLIFT_RFM_LHL,     /* 一般保持客户 C */
	UPLIFT_RFM_LLL,     /* 一般挽留客户 C */
	UPLIFT_RFM_NONE,    /* 无消费记录 - */
	UPLIFT_N_RFM
};

enum uplift_lifecycle {
	UPLIFT_LC_PROSPECT = 0, /* 潜在用户: no history order */
	UPLIFT_LC_NEW,          /* 新用户 */
	UPLIFT_LC_ACTIVE,       /* 活跃用户 */
	UPLIFT_LC_DORMANT,      /* 休眠用户 */
	UPLIFT_LC_LOYAL,        /* 忠实用户 */
	UPLIFT_N_LIFECYCLE
};

enum uplift_derived { UPLIFT_COL_RFM_SEGMENT = 0, UPLIFT_COL_RFM_GRADE, UPLIFT_COL_LIFECYCLE };

struct uplift_thresholds {
	long asof;
	double recency_days, frequency, monetary;
	bool recency_median, frequency_median, monetary_median; /* defaulted */
	double new_days, dormant_days, loyal_orders;
	size_t with_history; /* assigned users with at least one history order */
};

/* The derived column called name (rfm_segment, rfm_grade, lifecycle), or -1. */
int uplift_segments_column(const char *name);

/*
 * Compute the thresholds as of asof from [segments] (def) and, for the
 * medians, the histories of the n_users users (history may be NULL: no
 * user has any). False when out of memory.
 */
bool uplift_segments_thresholds(const struct uplift_history *history, size_t n_users, long asof,
				const struct uplift_segment_def *def, struct uplift_thresholds *th);

/* The RFM type and lifecycle stage of a user with history h. */
enum uplift_rfm uplift_segments_rfm(const struct uplift_history *h,
				    const struct uplift_thresholds *th);
enum uplift_lifecycle uplift_segments_lifecycle(const struct uplift_history *h,
						const struct uplift_thresholds *th);

const char *uplift_segments_rfm_name(enum uplift_rfm r); /* 重要价值客户 ... 无消费记录 */
const char *uplift_segments_rfm_grade(enum uplift_rfm r); /* A, B, C or - */
const char *uplift_segments_lifecycle_name(enum uplift_lifecycle l);

/*
 * The values of derived column `col` in the contract's display order
 * (uplift_segment_order.h: 无消费记录 and '-' last, the lifecycle's stages
 * as they run), all of them interned before any user's value so that a
 * value no user has still gets its row. Sets *n.
 */
const char *const *uplift_segments_values(enum uplift_derived col, size_t *n);

/* The value of derived column col for a user with history h. */
const char *uplift_segments_value(enum uplift_derived col, const struct uplift_history *h,
				  const struct uplift_thresholds *th);

/*
 * Users per value of derived column col among the n_users users of
 * history (NULL: none has any), in the order of uplift_segments_values:
 * counts must hold that many entries; they are overwritten.
 */
void uplift_segments_count(enum uplift_derived col, const struct uplift_history *history,
			   size_t n_users, const struct uplift_thresholds *th, uint64_t *counts);

#endif
