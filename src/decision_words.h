/*
 * decision_words.h - the decision in plain words, English or Chinese: the
 * block that opens analyze's table and Markdown and report.md. Internal to
 * the library.
 *
 * It says which coupon to send next week and to whom (the decision of
 * uplift_decision.h, and the targeting plan when the decision names one),
 * what that earns per user and over the users of the test, the one caveat
 * that matters most (a flagged sample ratio, then a failed guardrail, then
 * a lead that is not clear, then small cells), and then every effect that
 * is significant after correction, whatever its metric, and those whose
 * interval excludes 0 without surviving the correction (headline.h).
 */
#ifndef UPLIFT_DECISION_WORDS_H
#define UPLIFT_DECISION_WORDS_H

#include <stdio.h>

#include "headline.h"

/* The heading of the block: "Decision: which coupon next week, and to whom". */
const char *uplift_decision_words_heading(const struct uplift_voice *v);

/* The block, one item a line (v->mk->item, ->subitem), every name escaped. */
void uplift_decision_words_write(FILE *out, const struct uplift_voice *v);

/* The same without the list of every finding (report.md puts that in its appendix). */
void uplift_decision_words_brief(FILE *out, const struct uplift_voice *v);

/* The findings part of the block alone (the significant effects, then those not surviving). */
void uplift_decision_words_findings(FILE *out, const struct uplift_voice *v);

#endif
