/*
 * uplift_segment_order.h - the order segment values come in, as the
 * contract fixes it, for every output (../shared/CONTRACT.md, "Segment
 * values come in a fixed order").
 *
 *   - rfm_segment: the rows of the RFM table (重要价值客户, 重要发展客户,
 *     重要保持客户, 重要挽留客户, 一般价值客户, 一般发展客户, 一般保持客户,
 *     一般挽留客户), 无消费记录 last; rfm_grade: A, B, C, `-` last;
 *     lifecycle: as the stages run (潜在用户, 新用户, 活跃用户, 忠实用户,
 *     休眠用户). A value of such a column that is not in its list (a
 *     column of assignments.csv that happens to share the name) comes
 *     after the listed ones, before 无消费记录 and `-`, in the order below.
 *   - Every other column ascending: values that begin with a number
 *     (`2`, `10`, `-1.5`, `2) $100 - $200`, `18-24`) first, by that number
 *     (compared exactly as a decimal, not through a double: `2` before
 *     `10`, `-3` before `-1.5` before `0.5`), ties by their bytes; then
 *     the other values by their bytes, which for UTF-8 is code point order.
 *     A number is [+-]digits[.digits] or [+-].digits: no exponent, no
 *     thousands separator, no leading space.
 *
 * The loader renumbers each --by column's values in this order once they
 * are all read (data_order.c), and the statistics-file reader does the
 * same (suff_io.c), so every consumer sees one order.
 */
#ifndef UPLIFT_SEGMENT_ORDER_H
#define UPLIFT_SEGMENT_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uplift_strtab.h"

/*
 * Compare value a[0..alen) with b[0..blen) of the --by column called
 * column (NUL-terminated): < 0 when a comes first, 0 only when the bytes
 * are equal, > 0 when b comes first. A total order.
 */
int uplift_segment_order_compare(const char *column, const char *a, size_t alen, const char *b,
				 size_t blen);

/*
 * The values of t (a column's values, t->n of them) in that order: fills
 * order[0..t->n) with the index of the value that comes first, second, ...
 * False when out of memory (order is then untouched).
 */
bool uplift_segment_order_sort(const char *column, const struct uplift_strtab *t, uint32_t *order);

#endif
