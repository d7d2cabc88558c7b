/*
 * test_format_words.c - the English and Chinese words of the tables
 * (src/format_words.c): every field is set in both (a missing one would be
 * a NULL format), and each format string of one language takes the same
 * conversions in the same order as the other's, since the writers pass one
 * argument list to either.
 */
#include "testutil.h"
#include "../../src/format_words.h"

/* struct format_words holds only strings: seen as an array of them. */
#define N_WORDS (sizeof(struct format_words) / sizeof(const char *))

static const char *const *as_array(const struct format_words *w)
{
	return (const char *const *)(const void *)w;
}

/* The printf conversions of s, "%s%zu%.0f" -> "s zu f", without %%. */
static void conversions(const char *s, char *out, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	for (const char *p = s; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && strchr("+- #0123456789.*", *p))
			p++;
		while (*p && strchr("hlLqjzt", *p) && k + 1 < n)
			out[k++] = *p++;
		if (*p && k + 2 < n) {
			out[k++] = *p;
			out[k++] = ' ';
		}
		out[k] = '\0';
		if (!*p)
			break;
	}
}

static void every_field_in_both(void **state)
{
	const char *const *en = as_array(&uplift_format_words_en);
	const char *const *zh = as_array(&uplift_format_words_zh);

	assert_int_equal(sizeof(struct format_words) % sizeof(const char *), 0);
	for (size_t i = 0; i < N_WORDS; i++) {
		/* English metric names come from uplift_metric_name */
		if (i >= UPLIFT_N_BUILTIN && !en[i]) {
			print_error("English word %zu is missing\n", i);
			fail();
		}
		if (!zh[i]) {
			print_error("Chinese word %zu is missing\n", i);
			fail();
		}
	}
}

static void same_conversions(void **state)
{
	const char *const *en = as_array(&uplift_format_words_en);
	const char *const *zh = as_array(&uplift_format_words_zh);
	char a[128], b[128];
	size_t with_args = 0;

	for (size_t i = UPLIFT_N_BUILTIN; i < N_WORDS; i++) {
		conversions(en[i], a, sizeof(a));
		conversions(zh[i], b, sizeof(b));
		if (strcmp(a, b) != 0) {
			print_error("word %zu: '%s' takes [%s], '%s' takes [%s]\n", i, en[i], a,
				    zh[i], b);
			fail();
		}
		with_args += *a != '\0';
	}
	assert_true(with_args > 30);
	/* the checker itself */
	conversions("%s%s: %.0f%% %s (%zu, %llu, %+.2f)\n", a, sizeof(a));
	assert_string_equal(a, "s s f s zu llu f ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_field_in_both),
	    cmocka_unit_test(same_conversions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
