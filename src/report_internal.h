/*
 * report_internal.h - the parts of report.md (report.c orchestrates):
 * the decision's rest and the numbers behind it (report_decision.c), the
 * charts (report_charts.c), the reading notes, metric definitions and
 * glossary (report_glossary.c). Internal to the library.
 */
#ifndef UPLIFT_REPORT_INTERNAL_H
#define UPLIFT_REPORT_INTERNAL_H

#include "uplift_report.h"
#include "headline.h"

#include <stdio.h>

/* A name from the data as Markdown inline text (escaped; cut with "…" past 512 bytes). */
#define MD(s, buf) uplift_escape_markdown((s), (buf), sizeof(buf))

/*
 * After the decision block: for the decision metric and conversion, the
 * sentence on each coupon whose effect is not already listed; then whether
 * each coupon paid for itself.
 */
void uplift_report_headline_rest(FILE *fp, const struct uplift_voice *v);

/*
 * "The numbers behind it": per arm its users, the effect on the decision
 * metric with its interval, the coupon cost per user and in total over the
 * arm's users, the incremental profit per user and in total, in 元.
 */
void uplift_report_numbers(FILE *fp, const struct uplift_voice *v);

/*
 * The per-member targeting (r->target, report_target.c): one line of the
 * decision (whether the test supports it; the send list when it pays), and
 * its section with the values, the plans, the features and the Qini and
 * budget charts (embedded when rendered). Nothing when it was not run.
 */
void uplift_report_target_line(FILE *fp, const struct uplift_voice *v);
void uplift_report_target(FILE *fp, const struct uplift_voice *v, bool rendered);

/* The charts section's body: each chart drawn, what is left out, those not drawn. */
void uplift_report_charts(FILE *fp, const struct uplift_chart_list *charts,
			  const struct uplift_report_options *opt);

/* How to read the tables, the metrics' definitions (### sections of the appendix). */
void uplift_report_reading(FILE *fp, const struct uplift_voice *v);

/* The glossary (## 术语表 / ## Glossary): the method names used in the report. */
void uplift_report_glossary(FILE *fp, const struct uplift_voice *v);

#endif
