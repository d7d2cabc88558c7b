/*
 * arm_guess.c - which arm is the control, from its name: "control",
 * "对照组", "不触达", "holdout" ... as coupon tests name the arm that got
 * nothing. Compared without case, blanks, '_' or '-', and without a note
 * in brackets ("对照组（不发券）", "Control (no coupon)").
 */
#include "uplift_init.h"

#include <string.h>

/* The names, in the normal form below. */
static const char *const control_names[] = {
    "control",  "controlgroup", "ctrl",   "holdout",   "holdoutgroup", "baseline",
    "对照",     "对照组",       "空白组", "空白对照",  "空白对照组",   "不触达",
    "不触达组", "不发券",       "未发券", "无券",      "nocoupon",     "notreatment",
    "placebo",  "noemail",      "nomail", "nocontact", "nosend",       "notouch",
};

bool uplift_arm_guess_is_control(const char *name)
{
	char norm[64];

	if (!uplift_column_synonyms_normal(name, norm, sizeof(norm)))
		return false;
	for (size_t i = 0; i < sizeof(control_names) / sizeof(*control_names); i++)
		if (strcmp(norm, control_names[i]) == 0)
			return true;
	return false;
}

long uplift_arm_guess_control(const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (uplift_arm_guess_is_control(names[i]))
			return (long)i;
	return -1;
}
