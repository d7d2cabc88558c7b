/*
 * data_pipe.c - the pipe of batches between the thread that reads and
 * parses a file and the thread that applies its rows, and the reading of
 * one file through it (see data_internal.h for the batches and the ring).
 */
#include "data_internal.h"

#include <pthread.h>
#include <stdlib.h>

static void batch_release(struct batch *b)
{
	free(b->text);
	free(b->by_off);
	free(b->by_len);
	free(b->vals);
}

static void batch_reset(struct batch *b)
{
	b->n = 0;
	b->text_len = 0;
}

static void *pipe_applier(void *arg)
{
	struct pipe *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct batch *b;
		enum uplift_status st = UPLIFT_OK;
		bool skip;

		if (p->count == 0) {
			p->want_work = true;
			while (!p->done && (p->count == 0 || (p->count < RING / 2 && !p->draining)))
				pthread_cond_wait(&p->cv, &p->mu);
			p->want_work = false;
		}
		if (p->count == 0)
			break;
		b = &p->ring[p->head];
		skip = p->failed;
		pthread_mutex_unlock(&p->mu);
		if (!skip)
			st = p->apply(p->ctx, b, &p->cerr);
		batch_reset(b);
		pthread_mutex_lock(&p->mu);
		if (st != UPLIFT_OK)
			p->failed = true;
		p->head = (p->head + 1) % RING;
		p->count--;
		if ((p->want_space && p->count <= RING / 2) || (p->draining && p->count == 0))
			pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void pipe_start(struct pipe *p, uplift_batch_fn apply, void *ctx, bool threaded)
{
	p->apply = apply;
	p->ctx = ctx;
	uplift_error_clear(&p->cerr);
	p->threaded = false;
	if (!threaded || pthread_mutex_init(&p->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		return;
	}
	if (pthread_create(&p->thread, NULL, pipe_applier, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		return;
	}
	p->threaded = true;
}

/* The applier's error, once it has stopped (cerr is then no longer written). */
static enum uplift_status pipe_failure(struct pipe *p, struct uplift_error *err)
{
	*err = p->cerr;
	return p->cerr.status;
}

enum uplift_status uplift_pipe_submit(struct pipe *p, struct uplift_error *err)
{
	bool failed;

	if (!p->threaded) {
		struct batch *b = &p->ring[p->fill];
		if (!p->failed && p->apply(p->ctx, b, &p->cerr) != UPLIFT_OK)
			p->failed = true;
		batch_reset(b);
		return p->failed ? pipe_failure(p, err) : UPLIFT_OK;
	}
	pthread_mutex_lock(&p->mu);
	p->count++;
	p->fill = (p->fill + 1) % RING;
	if (p->want_work && p->count >= RING / 2)
		pthread_cond_broadcast(&p->cv);
	if (p->count == RING) {
		p->want_space = true;
		while (p->count > RING / 2)
			pthread_cond_wait(&p->cv, &p->mu);
		p->want_space = false;
	}
	failed = p->failed;
	pthread_mutex_unlock(&p->mu);
	return failed ? pipe_failure(p, err) : UPLIFT_OK;
}

/* Apply everything filled so far and wait for it; the applier's error if any. */
static enum uplift_status pipe_drain(struct pipe *p, struct uplift_error *err)
{
	bool failed;

	if (p->ring[p->fill].n > 0)
		(void)uplift_pipe_submit(p, err); /* failed is looked at below */
	if (!p->threaded)
		return p->failed ? pipe_failure(p, err) : UPLIFT_OK;
	pthread_mutex_lock(&p->mu);
	p->draining = true;
	pthread_cond_broadcast(&p->cv);
	while (p->count > 0)
		pthread_cond_wait(&p->cv, &p->mu);
	p->draining = false;
	failed = p->failed;
	pthread_mutex_unlock(&p->mu);
	return failed ? pipe_failure(p, err) : UPLIFT_OK;
}

/* Stop the applier (after pipe_drain) and free the batches. */
static void pipe_stop(struct pipe *p)
{
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->done = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		p->threaded = false;
	}
	for (size_t i = 0; i < RING; i++)
		batch_release(&p->ring[i]);
}

enum uplift_status uplift_pipe_parse_failed(struct pipe *p, enum uplift_status st,
					    struct uplift_error *err)
{
	struct uplift_error first;

	uplift_error_clear(&first);
	if (pipe_drain(p, &first) != UPLIFT_OK) {
		*err = first;
		return first.status;
	}
	return st;
}

enum uplift_status uplift_pipe_read_file(const struct uplift_data_file *f, struct uplift_error *err)
{
	struct uplift_problems_guard g = {f->row, f->ctx, f->problems};
	struct uplift_error first;
	uint64_t bytes = 0;
	enum uplift_status st;

	if (f->pipe)
		pipe_start(f->pipe, f->apply, f->ctx, f->threaded);
	if (f->problems)
		st = uplift_csv_read(f->path, f->copt, uplift_problems_guarded, &g, &bytes, err);
	else
		st = uplift_csv_read(f->path, f->copt, f->row, f->ctx, &bytes, err);
	*f->bytes_read += bytes;
	if (!f->pipe)
		return st;
	uplift_error_clear(&first);
	if (pipe_drain(f->pipe, &first) != UPLIFT_OK) {
		*err = first;
		st = first.status;
	}
	pipe_stop(f->pipe);
	return st;
}
