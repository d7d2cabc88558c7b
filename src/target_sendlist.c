/*
 * target_sendlist.c - the send list: user_id,arm,gain_<arm>,... one row a
 * member, arm the policy's (the arm of largest predicted gain over
 * control, control when none is above 0), gain_<arm> the predicted gain of
 * each arm but control over control, in the metric's unit, written so that
 * it reads back as the same double (%.17g). Fields are CSV-escaped; the
 * file is written atomically.
 *
 * For the members of the test the gains are the cross-fitted ones (from
 * the forest that never saw the member). --score members, who were not in
 * the test, get the average of the K fold forests' predictions.
 */
#include "data_internal.h"
#include "target_internal.h"
#include "uplift_atomic.h"
#include "uplift_by.h"
#include "uplift_csv_write.h"
#include "uplift_data.h"
#include "uplift_experiment.h"

#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool open_out(struct uplift_atomic *f, const char *path, struct uplift_error *err)
{
	char a[4096], b[4096];

	snprintf(a, sizeof(a), "%s", path);
	snprintf(b, sizeof(b), "%s", path);
	return uplift_atomic_open(f, dirname(a), basename(b), err);
}

static void header(FILE *out, const struct uplift_target *t)
{
	const struct uplift_experiment *e = t->exp;

	fputs("user_id,arm", out);
	for (size_t a = 0; a < e->n_arms; a++) {
		char name[512];
		if (a == e->control)
			continue;
		snprintf(name, sizeof(name), "gain_%s", e->arms[a].name);
		fputc(',', out);
		uplift_csv_write_field(out, name);
	}
	fputc('\n', out);
}

static void row(FILE *out, const struct uplift_target *t, const char *id, size_t arm,
		const double *g)
{
	const struct uplift_experiment *e = t->exp;

	uplift_csv_write_field(out, id);
	fputc(',', out);
	uplift_csv_write_field(out, e->arms[arm].name);
	for (size_t a = 0; a < e->n_arms; a++)
		if (a != e->control)
			fprintf(out, ",%.17g", g[a]);
	fputc('\n', out);
}

bool uplift_target_send_list(const struct uplift_target *t, const char *path,
			     struct uplift_error *err)
{
	struct uplift_atomic f = {0};
	const struct uplift_data *d = t->data;
	size_t A = t->exp->n_arms;

	if (!open_out(&f, path, err))
		return false;
	header(f.fp, t);
	for (size_t u = 0; u < d->n_users; u++)
		row(f.fp, t, uplift_strtab_get(&d->ids, u, NULL), t->policy_arm[u],
		    t->pred + u * A);
	return uplift_atomic_close(&f, true, err);
}

struct score_ctx {
	const struct uplift_target *t;
	const char *path;
	FILE *out;
	bool header_done;
	long c_user;
	long col[256];
	size_t width;
	double g[256];
};

static enum uplift_status score_header(struct score_ctx *c, const struct uplift_csv_row *h,
				       struct uplift_error *err)
{
	const struct tfeatures *F = &c->t->model->feat;

	if (uplift_header_check(c->path, h, err) ||
	    uplift_header_need(c->path, h, &c->t->exp->columns, UPLIFT_COL_USER_ID, &c->c_user,
			       err))
		return err->status;
	c->width = h->n;
	for (size_t k = 0; k < F->n; k++) {
		c->col[k] = -1;
		for (size_t i = 0; i < h->n; i++)
			if (strcmp(h->field[i], F->f[k].name) == 0)
				c->col[k] = (long)i;
		if (c->col[k] < 0)
			return uplift_error_set(err, UPLIFT_EINPUT, c->path, h->line, F->f[k].name,
						"missing column: the model uses this feature");
	}
	header(c->out, c->t);
	return UPLIFT_OK;
}

static enum uplift_status score_row(void *ctx, const struct uplift_csv_row *r,
				    struct uplift_error *err)
{
	struct score_ctx *c = ctx;
	const struct uplift_target_model *m = c->t->model;
	const struct tfeatures *F = &m->feat;
	size_t A = m->n_arms, best = m->control;
	uint8_t x[256];
	double top = 0;

	if (!c->header_done) {
		c->header_done = true;
		return score_header(c, r, err);
	}
	if (uplift_width_check(c->path, r, c->width, err))
		return err->status;
	if (uplift_utf8_error(c->path, r->line, "user_id", r->field[c->c_user], r->len[c->c_user],
			      err))
		return err->status;
	for (size_t k = 0; k < F->n; k++) {
		const struct tfeat *f = &F->f[k];
		const char *s = r->field[c->col[k]];
		size_t len = r->len[c->col[k]], i;
		double v;
		/* as when learning: a GBK file read as UTF-8 is no string of unknowns */
		if (uplift_utf8_error(c->path, r->line, f->name, s, len, err))
			return err->status;
		for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (i == len) {
			x[k] = 0; /* blank: missing */
		} else if (f->numeric) {
			if (!uplift_by_number(s, len, &v))
				return uplift_error_set(err, UPLIFT_EINPUT, c->path, r->line,
							f->name,
							"not a number: the model reads "
							"this feature as numbers");
			x[k] = (uint8_t)target_bin_number(f, v);
		} else {
			long idx = uplift_strtab_find(&f->cats, s, len);
			x[k] = idx >= 0 ? f->cat_bin[idx] : 0; /* unknown: the missing branch */
		}
	}
	memset(c->g, 0, A * sizeof(*c->g));
	for (unsigned k = 0; k < m->folds; k++)
		target_forest_predict(&m->forest[k], x, A, c->g);
	for (size_t a = 0; a < A; a++) {
		c->g[a] /= m->folds;
		if (a != m->control && c->g[a] > top) {
			top = c->g[a];
			best = a;
		}
	}
	row(c->out, c->t, r->field[c->c_user], best, c->g);
	return UPLIFT_OK;
}

bool uplift_target_score(const struct uplift_target *t, const char *score_path,
			 enum uplift_encoding enc, const char *path, struct uplift_error *err)
{
	struct uplift_atomic f = {0};
	struct uplift_csv_options copt = {.encoding = enc, .utf8_by_caller = true};
	struct score_ctx c = {.t = t, .path = score_path};

	if (t->exp->n_arms > 256 || t->model->feat.n > 256)
		return uplift_error_set(err, UPLIFT_EINPUT, score_path, 0, NULL,
					"too many arms "
					"or features"),
		       false;
	if (!open_out(&f, path, err))
		return false;
	c.out = f.fp;
	if (uplift_csv_read(score_path, &copt, score_row, &c, NULL, err) != UPLIFT_OK) {
		uplift_atomic_close(&f, false, NULL);
		return false;
	}
	return uplift_atomic_close(&f, true, err);
}
