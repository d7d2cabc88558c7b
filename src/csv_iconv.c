/*
 * csv_iconv.c - GBK and GB18030 to UTF-8, one line at a time, and the
 * names of the encodings (see csv_iconv.h and uplift_csv.h).
 *
 * The reader converts each physical line before scanning it, so the line
 * numbers and the plain-line path are those of the UTF-8 text; the
 * multi-byte characters of GBK and GB18030 hold no quote, CR or LF, so the
 * lines are found in the raw bytes.
 */
#include "csv_iconv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "uplift_mem.h"

bool uplift_iconv_open(struct uplift_iconv *cv, enum uplift_encoding enc)
{
	cv->out = NULL;
	cv->cap = 0;
	cv->cd = (iconv_t)-1;
	if (enc == UPLIFT_ENC_UTF8)
		return true;
	cv->cd = iconv_open("UTF-8", enc == UPLIFT_ENC_GBK ? "GBK" : "GB18030");
	return cv->cd != (iconv_t)-1;
}

bool uplift_iconv_line(struct uplift_iconv *cv, const char **line, size_t *n, size_t pad)
{
	char *in = (char *)*line;
	size_t in_left = *n, out_left;
	char *out;

	if (!uplift_mem_grow((void **)&cv->out, &cv->cap, *n * 2 + 8, 1))
		return false;
	iconv(cv->cd, NULL, NULL, NULL, NULL);
	out = cv->out;
	out_left = cv->cap;
	while (in_left > 0) {
		if (iconv(cv->cd, &in, &in_left, &out, &out_left) == (size_t)-1) {
			size_t used = (size_t)(out - cv->out);
			if (errno != E2BIG)
				return false;
			if (!uplift_mem_grow((void **)&cv->out, &cv->cap, cv->cap * 2, 1))
				return false;
			out = cv->out + used;
			out_left = cv->cap - used;
		}
	}
	*n = (size_t)(out - cv->out);
	if (!uplift_mem_grow((void **)&cv->out, &cv->cap, *n + pad, 1))
		return false;
	memset(cv->out + *n, 0, pad);
	*line = cv->out;
	return true;
}

void uplift_iconv_close(struct uplift_iconv *cv)
{
	free(cv->out);
	cv->out = NULL;
	cv->cap = 0;
	if (cv->cd != (iconv_t)-1)
		iconv_close(cv->cd);
	cv->cd = (iconv_t)-1;
}

const char *uplift_iconv_name(enum uplift_encoding enc)
{
	return enc == UPLIFT_ENC_GBK ? "GBK" : enc == UPLIFT_ENC_GB18030 ? "GB18030" : "UTF-8";
}

bool uplift_csv_encoding_parse(const char *name, enum uplift_encoding *enc)
{
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		*enc = UPLIFT_ENC_UTF8;
	else if (!strcasecmp(name, "gbk") || !strcasecmp(name, "cp936"))
		*enc = UPLIFT_ENC_GBK;
	else if (!strcasecmp(name, "gb18030"))
		*enc = UPLIFT_ENC_GB18030;
	else
		return false;
	return true;
}
