/*
 * fuzz_ini.c - libFuzzer target for experiment.ini: the input is one file,
 * parsed from memory (uplift_experiment_parse) and from a temporary file
 * (uplift_experiment_load_opt); both must agree. A first line "#gbk" or
 * "#gb18030" (a comment to the reader) picks that --encoding. The harness
 * asserts the loader's contract: an experiment whose names are valid UTF-8
 * without NULs, every arm found again by its name, the control among them,
 * 2 to UPLIFT_MAX_ARMS arms; or an error with a one-line UTF-8 message at a
 * line the input has. Run by `make fuzz` beside fuzz_loader.
 */
#include "uplift_experiment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool utf8_text(const char *s, size_t n)
{
	return s && strlen(s) == n && uplift_utf8_check((const unsigned char *)s, n) < 0;
}

static void check_experiment(const struct uplift_experiment *exp)
{
	if (exp->n_arms < 2 || exp->n_arms > UPLIFT_MAX_ARMS || exp->control >= exp->n_arms)
		abort();
	if (!utf8_text(exp->name, strlen(exp->name)) || exp->end < exp->start ||
	    strcmp(exp->control_name, exp->arms[exp->control].name) != 0)
		abort();
	for (size_t i = 0; i < exp->n_arms; i++) {
		const struct uplift_arm_def *a = &exp->arms[i];
		if (!utf8_text(a->name, a->name_len) || a->name_len > UPLIFT_ARM_NAME_MAX ||
		    (a->label && !utf8_text(a->label, strlen(a->label))) || !(a->weight > 0))
			abort();
		if (uplift_experiment_find_arm(exp, a->name, a->name_len) != (long)i)
			abort();
	}
}

static void check_error(const struct uplift_error *err, const uint8_t *data, size_t size)
{
	long lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (err->status == UPLIFT_OK || !err->message[0] || err->line < 0 || err->line > lines)
		abort();
	if (!utf8_text(err->message, strlen(err->message)) || strchr(err->message, '\n'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct uplift_experiment_options opt = {UPLIFT_ENC_UTF8};
	struct uplift_error err, err2;
	struct uplift_experiment *exp, *exp2;
	FILE *fp;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/uplift-fuzz-ini-%d.ini", (int)getpid());
	if (size >= 5 && memcmp(data, "#gbk\n", 5) == 0)
		opt.encoding = UPLIFT_ENC_GBK;
	else if (size >= 9 && memcmp(data, "#gb18030\n", 9) == 0)
		opt.encoding = UPLIFT_ENC_GB18030;

	uplift_error_clear(&err);
	exp = uplift_experiment_parse((const char *)data, size, path, "fuzz", &opt, &err);
	if (exp)
		check_experiment(exp);
	else
		check_error(&err, data, size);

	fp = fopen(path, "wb");
	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
		abort();
	uplift_error_clear(&err2);
	exp2 = uplift_experiment_load_opt(path, "fuzz", &opt, &err2);
	remove(path);
	if (!exp != !exp2 || (exp && exp->n_arms != exp2->n_arms) ||
	    (!exp && (err.line != err2.line || strcmp(err.message, err2.message) != 0)))
		abort();
	uplift_experiment_free(exp);
	uplift_experiment_free(exp2);
	return 0;
}
