/*
 * uplift_closest.h - the name in a list closest to a name that was not
 * found, for "did you mean" messages (the header 实付金额 for a [columns]
 * paid = 实付金 that is not in the file).
 */
#ifndef UPLIFT_CLOSEST_H
#define UPLIFT_CLOSEST_H

#include <stddef.h>

/*
 * The edit distance (Levenshtein: insertions, deletions, substitutions)
 * between the UTF-8 strings a and b, counted in code points, ASCII letters
 * compared without case. Names longer than UPLIFT_CLOSEST_MAX code points
 * are compared on their first UPLIFT_CLOSEST_MAX.
 */
#define UPLIFT_CLOSEST_MAX 64
size_t uplift_closest_distance(const char *a, const char *b);

/*
 * The index of the name of names[0..n) closest to want, or -1 when none is
 * reasonably close: a distance of at most a third of the longer name's
 * code points (at least 1), or one name holding the other whole (of two
 * code points or more), or at most half when they begin with the same two
 * code points (下单日期 and 下单时间). Ties go to the first. Only the first
 * UPLIFT_CLOSEST_NAMES names are looked at.
 */
#define UPLIFT_CLOSEST_NAMES 4096
long uplift_closest(const char *want, const char *const *names, size_t n);

#endif
