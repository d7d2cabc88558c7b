/*
 * uplift.h - the whole public interface of libuplift in one include.
 *
 * Most callers need one call: uplift_pipeline_run (uplift_pipeline.h) takes
 * an experiment folder, or a statistics file, to a struct uplift_result, the
 * input of every writer (uplift_format.h, uplift_report.h). The stages it
 * runs are public too, one header per module.
 *
 * Errors. The library never prints and never exits. A function that can
 * fail returns an enum uplift_status (or NULL) and fills the caller's
 * struct uplift_error with the file, line, column and a one-line message
 * (uplift_error.h); the first error wins.
 *
 * Ownership, one rule with two verbs:
 *   - uplift_X_free(p) frees an object the library allocated and returned
 *     (uplift_experiment_load*, uplift_data_load, uplift_suff_from_data,
 *     uplift_suff_io_read, uplift_analysis_run, uplift_plan_compute,
 *     uplift_pipeline_run): the struct itself and everything it owns.
 *     NULL is a no-op.
 *   - uplift_X_release(s) frees what a struct the caller owns holds (one on
 *     the stack or inside another struct: struct uplift_strtab after
 *     uplift_strtab_init, struct uplift_problems), never the struct itself,
 *     and leaves it empty. NULL is a no-op.
 * A struct that points at another says so with "borrowed": the data borrows
 * its experiment, an analysis its sufficient statistics, a uplift_result
 * everything it shows; the borrowed object must outlive the borrower. A
 * pipeline owns all its stages, and its result borrows from them.
 * Everything else follows its header: uplift_format_json returns a jansson
 * value the caller releases with json_decref; an atomic file or a pack ends
 * with its _commit or _abort; names (uplift_metric_name, ...) are static
 * strings; functions that format text write into the caller's buffer.
 *
 * Initialisation. None is needed. GSL aborts the process on an error by
 * default; the library turns that handler off itself, once per process
 * (uplift_stats_init, under pthread_once), in every public function that
 * reaches GSL, and checks GSL's return values instead. A program that uses
 * GSL itself and wants GSL's handler back must set it after its last call
 * into the library.
 *
 * Threads. Functions share no mutable global state (but that one-time GSL
 * setting), so separate objects can be used from separate threads; the
 * loader and the fold start helper threads of their own and join them
 * before they return.
 */
#ifndef UPLIFT_H
#define UPLIFT_H

#include "uplift_error.h"

#include "uplift_closest.h"
#include "uplift_date.h"
#include "uplift_escape.h"
#include "uplift_flag.h"
#include "uplift_mem.h"
#include "uplift_metric.h"
#include "uplift_strtab.h"
#include "uplift_utf8.h"

#include "uplift_amount.h"
#include "uplift_by.h"
#include "uplift_columns.h"
#include "uplift_counts.h"
#include "uplift_csv.h"
#include "uplift_csv_write.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_findings.h"
#include "uplift_history.h"
#include "uplift_ini.h"
#include "uplift_segment_order.h"
#include "uplift_segments.h"

#include "uplift_analysis.h"
#include "uplift_checks.h"
#include "uplift_decision.h"
#include "uplift_plan.h"
#include "uplift_power.h"
#include "uplift_stats.h"
#include "uplift_suff.h"
#include "uplift_suff_io.h"

#include "uplift_atomic.h"
#include "uplift_format.h"
#include "uplift_pack.h"
#include "uplift_render.h"
#include "uplift_report.h"
#include "uplift_html.h"

#include "uplift_init.h"
#include "uplift_pipeline.h"
#include "uplift_simulate.h"
#include "uplift_spreadsheet.h"

#endif
