/*
 * test_render.c - gnuplot in a box (issue 13, finding 1's "shell unavailable"
 * part, finding 4's checked images) and the pack folder's swap (finding 8).
 */
#define _GNU_SOURCE /* mkdtemp */
#include "testutil.h"
#include "uplift_pack.h"
#include "uplift_render.h"

#include <sys/stat.h>

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static bool exists(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/uplift-render.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	return uplift_pack_remove_tree(dir);
}

static const char *gnuplot(void)
{
	static const char *const where[] = {"/usr/bin/gnuplot", "/usr/local/bin/gnuplot"};

	for (size_t i = 0; i < 2; i++)
		if (access(where[i], X_OK) == 0)
			return where[i];
	return NULL;
}

static const char *const draw = "if (!exists(\"outprefix\")) outprefix = \"\"\n"
				"set terminal pngcairo size 400,300 font \"Noto Sans CJK SC,10\"\n"
				"set output outprefix.\"t.png\"\n"
				"set title \"图 %s\"\n"
				"plot sin(x)\n"
				"set terminal svg size 400,300\n"
				"set output outprefix.\"t.svg\"\n"
				"replot\n"
				"unset output\n";

/* Backquotes, system() and "< command" in a script: none of them runs. */
static void no_shell(void **state)
{
	static const char *const tries[] = {
	    "x = \"`touch %s/pwned`\"\n", "x = system(\"touch %s/pwned\")\n",
	    "system \"touch %s/pwned\"\n", "plot \"< touch %s/pwned\"\n",
	    "set title \"`touch %s/pwned`\"\n"};
	struct uplift_render_options opt = {.gnuplot = gnuplot(), .timeout = 30};
	struct uplift_error err;
	char line[512], gp[2048];

	if (!opt.gnuplot)
		skip();
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		snprintf(line, sizeof(line), tries[i], dir);
		snprintf(gp, sizeof(gp), "%s", line);
		snprintf(gp + strlen(gp), sizeof(gp) - strlen(gp), draw, "");
		put("t.gp", gp);
		uplift_error_clear(&err);
		uplift_render_chart(dir, "t", &opt, &err);
		if (exists("pwned"))
			fail_msg("ran: %s", line);
	}
}

/* The filter leaves threads and fonts alone: a CJK title still draws. */
static void draws_in_sandbox(void **state)
{
	struct uplift_render_options opt = {.gnuplot = gnuplot(), .timeout = 30};
	struct uplift_error err;
	char gp[2048];

	if (!opt.gnuplot)
		skip();
	snprintf(gp, sizeof(gp), draw, "满80减15");
	put("t.gp", gp);
	uplift_error_clear(&err);
	assert_int_equal(uplift_render_chart(dir, "t", &opt, &err), UPLIFT_OK);
	assert_true(exists("t.png"));
	assert_true(exists("t.svg"));
}

/* The same script without the filter does run them: the test above can fail. */
static void shell_without_sandbox(void **state)
{
	struct uplift_render_options opt = {
	    .gnuplot = gnuplot(), .timeout = 30, .no_sandbox = true};
	struct uplift_error err;
	char gp[1024];

	if (!opt.gnuplot)
		skip();
	snprintf(gp, sizeof(gp),
		 "set terminal pngcairo size 200,100\nset output outprefix.\"u.png\"\n"
		 "x = system(\"touch %s/ran\")\nplot x\nset terminal svg\n"
		 "set output outprefix.\"u.svg\"\nreplot\nunset output\n",
		 dir);
	put("u.gp", gp);
	uplift_error_clear(&err);
	uplift_render_chart(dir, "u", &opt, &err);
	assert_true(exists("ran"));
}

/* Images are checked: truncated or empty ones are refused. */
static void complete_images(void **state)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,   0, 0,
					    0,    'I', 'E', 'N', 'D',  0xae, 0x42, 0x60, 0x82};
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/a.png", dir);
	fp = fopen(path, "wb");
	fwrite(png, 1, sizeof(png), fp);
	fclose(fp);
	assert_true(uplift_render_png_complete(path));
	truncate(path, sizeof(png) - 1);
	assert_false(uplift_render_png_complete(path));
	truncate(path, 0);
	assert_false(uplift_render_png_complete(path));
	put("a.svg", "<svg>\n</svg>\n");
	snprintf(path, sizeof(path), "%s/a.svg", dir);
	assert_true(uplift_render_svg_complete(path));
	put("a.svg", "<svg>\n<path d=");
	assert_false(uplift_render_svg_complete(path));
	snprintf(path, sizeof(path), "%s/none.svg", dir);
	assert_false(uplift_render_svg_complete(path));
}

/* A gnuplot that fails: one line of its stderr in the message, no image placed. */
static void failing_gnuplot(void **state)
{
	struct uplift_render_options opt = {.timeout = 30};
	struct uplift_error err;
	char path[256], fake[256];

	put("fake",
	    "#!/bin/sh\necho noise >&2\necho '\"f.gp\" line 2: bad' >&2\necho more >&2\nexit 1\n");
	snprintf(fake, sizeof(fake), "%s/fake", dir);
	chmod(fake, 0755);
	opt.gnuplot = fake;
	put("f.gp", "");
	uplift_error_clear(&err);
	assert_int_equal(uplift_render_chart(dir, "f", &opt, &err), UPLIFT_EINTERNAL);
	assert_string_equal(err.message, "gnuplot failed (exit 1): \"f.gp\" line 2: bad");
	snprintf(path, sizeof(path), "%s/f.png", dir);
	assert_int_not_equal(access(path, F_OK), 0);
}

/* The swap: new pack in, stale files gone, the user's files kept. */
static void pack_swap(void **state)
{
	struct uplift_pack p;
	struct uplift_error err;
	char out[128], path[4200];

	snprintf(out, sizeof(out), "%s/pack", dir);
	mkdir(out, 0777);
	snprintf(path, sizeof(path), "%s/segments-3.png", out);
	fclose(fopen(path, "w"));
	snprintf(path, sizeof(path), "%s/notes.txt", out);
	fclose(fopen(path, "w"));
	uplift_error_clear(&err);
	assert_int_equal(uplift_pack_begin(&p, out, 1, &err), UPLIFT_OK);
	snprintf(path, sizeof(path), "%s/report.md", p.stage);
	fclose(fopen(path, "w"));
	assert_int_equal(uplift_pack_commit(&p, &err), UPLIFT_OK);
	assert_string_equal(p.kept, "");
	assert_true(exists("pack/report.md"));
	assert_true(exists("pack/notes.txt"));
	assert_false(exists("pack/segments-3.png"));
	assert_false(exists(".pack.uplift-lock"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(no_shell, setup, teardown),
	    cmocka_unit_test_setup_teardown(draws_in_sandbox, setup, teardown),
	    cmocka_unit_test_setup_teardown(shell_without_sandbox, setup, teardown),
	    cmocka_unit_test_setup_teardown(complete_images, setup, teardown),
	    cmocka_unit_test_setup_teardown(failing_gnuplot, setup, teardown),
	    cmocka_unit_test_setup_teardown(pack_swap, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
