/*
 * experiment_columns.c - the [columns] section of experiment.ini: which
 * header of the exports holds each of uplift's columns (user_id = 会员ID),
 * and refunds = net (uplift_columns.h). Each key is one of uplift's column
 * names or `refunds`; an unknown key, an empty value, a key given twice or
 * one header given to two keys is an error naming the file, line and key.
 */
#include "experiment_internal.h"

#include <stdlib.h>
#include <string.h>

/* The keys, for the message of an unknown one. */
static const char KEYS[] = "user_id, arm, order_time, amount, paid, discount, order_id, "
			   "orders, revenue, converted, repurchased, refunds";

enum uplift_status uplift_experiment_columns_key(struct uplift_columns_def *def, long *refunds_line,
						 const char *key, const char *value,
						 const char *path, long line,
						 struct uplift_error *err)
{
	size_t len = strlen(value);
	int c = 0;

	if (len >= 2 && value[0] == '"' && value[len - 1] == '"') { /* "Member ID" */
		value++;
		len -= 2;
	}
	if (strcmp(key, "refunds") == 0) {
		if (*refunds_line)
			return uplift_error_set(err, UPLIFT_EINPUT, path, line, key,
						"key 'refunds' is given twice (first at line %ld)",
						*refunds_line);
		*refunds_line = line;
		if (len == 3 && memcmp(value, "net", 3) == 0)
			def->refunds_net = true;
		else if (!(len == 5 && memcmp(value, "error", 5) == 0))
			return uplift_error_set(
			    err, UPLIFT_EINPUT, path, line, key,
			    "[columns] refunds: expected 'net' (negative amounts netted against "
			    "the user's paid value) or 'error', got '%.*s'",
			    (int)len, value);
		return UPLIFT_OK;
	}
	while (c < UPLIFT_N_COLUMN_NAMES && strcmp(uplift_columns_name(c), key) != 0)
		c++;
	if (c == UPLIFT_N_COLUMN_NAMES)
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, key,
					"unknown key '%s' in section [columns] (expected one of "
					"%s)",
					key, KEYS);
	if (def->line[c])
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, key,
					"key '%s' is given twice (first at line %ld)", key,
					def->line[c]);
	if (len == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, key,
					"[columns] %s: empty value (expected the export's header "
					"that holds %s)",
					key, key);
	for (int k = 0; k < UPLIFT_N_COLUMN_NAMES; k++)
		if (def->header[k] && strlen(def->header[k]) == len &&
		    memcmp(def->header[k], value, len) == 0)
			return uplift_error_set(err, UPLIFT_EINPUT, path, line, key,
						"[columns] %s: header '%.*s' is already given to "
						"%s (line %ld)",
						key, (int)len, value, uplift_columns_name(k),
						def->line[k]);
	if (!(def->header[c] = strndup(value, len)))
		return uplift_error_set(err, UPLIFT_ENOMEM, path, line, NULL, "out of memory");
	def->line[c] = line;
	return UPLIFT_OK;
}

void uplift_experiment_columns_free(struct uplift_columns_def *def)
{
	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++) {
		free(def->header[c]);
		def->header[c] = NULL;
	}
}
