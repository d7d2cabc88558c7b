/*
 * data_fixture.h - a small experiment folder written from strings and
 * loaded through the library, shared by the unit tests of the loader's
 * files (test_data*.c, test_problems.c): write the files, load, compare
 * the error message.
 */
#ifndef UPLIFT_DATA_FIXTURE_H
#define UPLIFT_DATA_FIXTURE_H

#include "testutil.h"
#include "uplift_data.h"
#include "uplift_experiment.h"

/* two users, one per arm, and the header of orders.csv */
#define ASSIGN_OK   "user_id,arm\nu1,control\nu2,8折券\n"
#define ORDERS_HEAD "user_id,order_time,amount,discount\n"
#define HINT        "; a spreadsheet export in Chinese? try --encoding gbk"

struct folder {
	char dir[64];
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_error err;
	char message[1200]; /* err, formatted */
};

static inline void put(const char *dir, const char *name, const char *text)
{
	char path[256];

	if (!text)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text);
}

/*
 * Build a folder of experiment.ini ini and the given files (NULL = absent)
 * and load it; the error, if any, also formatted into f->message.
 */
static inline bool load_folder(struct folder *f, const char *ini, const char *assignments,
			       const char *orders, const char *outcomes, const char *const *by,
			       size_t n_by)
{
	struct uplift_load_options opt = {.by = by, .n_by = n_by};
	char path[256];

	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "%s", temp_dir());
	put(f->dir, "experiment.ini", ini);
	put(f->dir, "assignments.csv", assignments);
	put(f->dir, "orders.csv", orders);
	put(f->dir, "outcomes.csv", outcomes);
	snprintf(path, sizeof(path), "%s/experiment.ini", f->dir);
	f->exp = uplift_experiment_load(path, "t", &f->err);
	assert_non_null(f->exp);
	f->data = uplift_data_load(f->exp, f->dir, &opt, &f->err);
	uplift_error_format(&f->err, f->message, sizeof(f->message));
	return f->data != NULL;
}

/* The folder of the two-arm experiment.ini below and the given files, loaded. */
static inline bool load(struct folder *f, const char *assignments, const char *orders,
			const char *outcomes, const char *const *by, size_t n_by)
{
	static const char *ini = "[experiment]\ncontrol = control\nstart = 2026-11-16\n"
				 "end = 2026-11-22\n[arm control]\n[arm 8折券]\n";

	return load_folder(f, ini, assignments, orders, outcomes, by, n_by);
}

static inline void cleanup(struct folder *f)
{
	const char *names[] = {"experiment.ini", "assignments.csv", "orders.csv", "outcomes.csv"};
	char path[256];

	uplift_data_free(f->data);
	uplift_experiment_free(f->exp);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		remove(path);
	}
	rmdir(f->dir);
}

/* Loading the folder fails with exactly this message. */
static inline void expect(const char *assignments, const char *orders, const char *message)
{
	struct folder f;
	char buf[1200];

	assert_false(load(&f, assignments, orders, NULL, NULL, 0));
	assert_int_equal(f.err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), message);
	cleanup(&f);
}

#endif
