/*
 * experiment_arms.c - the arms of an experiment: the hash index through
 * which uplift_experiment_find_arm finds a row's arm (it is called for
 * every assignment row), and the list of their names for messages.
 */
#include "experiment_internal.h"
#include "uplift_strtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_arm(const struct uplift_arm_def *a, const char *name, size_t len)
{
	/* the first byte before memcmp: "control" and "8折券" are both 7 bytes long */
	return a->name_len == len && (len == 0 || a->name[0] == name[0]) &&
	       memcmp(a->name, name, len) == 0;
}

long uplift_experiment_find_arm(const struct uplift_experiment *exp, const char *name, size_t len)
{
	/* a few arms (the usual case): a scan costs less than a hash */
	if (!exp->arm_slot || exp->n_arms <= 8) {
		for (size_t i = 0; i < exp->n_arms; i++)
			if (same_arm(&exp->arms[i], name, len))
				return (long)i;
		return -1;
	}
	for (size_t h = uplift_strtab_hash(name, len) & (exp->arm_slots - 1);;
	     h = (h + 1) & (exp->arm_slots - 1)) {
		size_t i = exp->arm_slot[h];
		if (i == 0)
			return -1;
		if (same_arm(&exp->arms[i - 1], name, len))
			return (long)(i - 1);
	}
}

/* Put arm i into the hash index (slots hold index + 1, 0 is free). */
static void index_put(struct uplift_experiment *exp, size_t i)
{
	const struct uplift_arm_def *a = &exp->arms[i];
	size_t h = uplift_strtab_hash(a->name, a->name_len) & (exp->arm_slots - 1);

	while (exp->arm_slot[h] != 0)
		h = (h + 1) & (exp->arm_slots - 1);
	exp->arm_slot[h] = i + 1;
}

/* A table at most half full. */
bool uplift_experiment_index_add(struct uplift_experiment *exp)
{
	if (exp->n_arms * 2 > exp->arm_slots) {
		size_t slots = exp->arm_slots ? exp->arm_slots * 2 : 16;
		size_t *slot = calloc(slots, sizeof(*slot));
		if (!slot)
			return false;
		free(exp->arm_slot);
		exp->arm_slot = slot;
		exp->arm_slots = slots;
		for (size_t i = 0; i + 1 < exp->n_arms; i++)
			index_put(exp, i);
	}
	index_put(exp, exp->n_arms - 1);
	return true;
}

const char *uplift_experiment_arm_list(const struct uplift_experiment *exp, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < exp->n_arms; i++) {
		const char *sep = i ? ", " : "";
		size_t need = strlen(sep) + exp->arms[i].name_len;
		/* room for this name and, should more follow, ", …" */
		if (len + need + (i + 1 < exp->n_arms ? sizeof(", …") : 1) > size) {
			snprintf(buf + len, size - len, "%s…", sep);
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s", sep, exp->arms[i].name);
	}
	return buf;
}
