/* llm_reply.c - the answer object the model is asked for: its JSON schema,
 * the passage ids, and the validation of a reply against both. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "llm.h"
#include "llm_reply.h"

const char *llm_answer_format(void)
{
	return "{\"type\":\"json_schema\","
	       "\"json_schema\":{\"name\":\"crew_answer\",\"strict\":true,"
	       "\"schema\":{\"type\":\"object\",\"additionalProperties\":false,"
	       "\"required\":[\"answer\",\"steps\",\"safety_warnings\",\"cited_passages\","
	       "\"escalate\",\"service_call_recommended\"],"
	       "\"properties\":{"
	       "\"answer\":{\"type\":\"string\",\"description\":"
	       "\"The answer for the crew member, short, citing passage ids like [P1].\"},"
	       "\"steps\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":"
	       "\"The steps in order, one action each; empty when none.\"},"
	       "\"safety_warnings\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
	       "\"description\":"
	       "\"Safety warnings from the passages, most important first.\"},"
	       "\"cited_passages\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
	       "\"description\":"
	       "\"Ids of the passages used, e.g. P1.\"},"
	       "\"escalate\":{\"type\":\"boolean\",\"description\":"
	       "\"True when the manager must be called now.\"},"
	       "\"service_call_recommended\":{\"type\":\"boolean\",\"description\":"
	       "\"True when a service technician should be called.\"}"
	       "}}}}";
}

void llm_passage_id(size_t i, char *out, size_t outlen)
{
	snprintf(out, outlen, "P%zu", i + 1);
}

/* "P3", "[P3]", "p3", " P3 " -> 2; SIZE_MAX when it names no passage. */
static size_t llm_passage_index(const char *id, size_t npassages)
{
	unsigned long long n = 0;
	int digits = 0;

	while(*id == ' ' || *id == '[')
		id++;
	if(*id != 'P' && *id != 'p')
		return SIZE_MAX;
	for(id++; isdigit((unsigned char)*id) && digits < 6; id++, digits++)
		n = n * 10 + (unsigned long long)(*id - '0');
	while(*id == ' ' || *id == ']')
		id++;
	if(!digits || *id || n < 1 || n > npassages)
		return SIZE_MAX;
	return (size_t)(n - 1);
}

/* A string array field into the arena; empty strings are skipped. */
static ll_result llm_reply_strings(struct arena *arena, struct json_object *root, const char *name,
                                   const char ***items, size_t *count, char *why, size_t whylen)
{
	struct json_object *arr;
	size_t n;
	ll_result result = LL_EVALIDATION;

	*items = NULL;
	*count = 0;
	if(!json_object_object_get_ex(root, name, &arr)) {
		snprintf(why, whylen, "the field \"%s\" is missing (an array of strings)", name);
		goto out;
	}
	if(!json_object_is_type(arr, json_type_array)) {
		snprintf(why, whylen, "\"%s\" must be an array of strings", name);
		goto out;
	}
	n = json_object_array_length(arr);
	if(n > LLM_REPLY_ITEMS_MAX) {
		snprintf(why, whylen, "\"%s\" has %zu items; at most %d", name, n,
		         LLM_REPLY_ITEMS_MAX);
		goto out;
	}
	*items = arena_alloc(arena, (n ? n : 1) * sizeof(**items));
	if(!*items) {
		result = LL_ENOMEM;
		goto out;
	}
	for(size_t i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);
		const char *s;
		size_t len;

		if(!json_object_is_type(v, json_type_string)) {
			snprintf(why, whylen, "\"%s\"[%zu] must be a string", name, i);
			goto out;
		}
		s = json_object_get_string(v);
		len = (size_t)json_object_get_string_len(v);
		if(len > LLM_REPLY_ITEM_MAX) {
			snprintf(why, whylen, "\"%s\"[%zu] is longer than %d characters", name, i,
			         LLM_REPLY_ITEM_MAX);
			goto out;
		}
		while(len && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		if(!len)
			continue;
		(*items)[*count] = arena_strndup(arena, s, len);
		if(!(*items)[*count]) {
			result = LL_ENOMEM;
			goto out;
		}
		(*count)++;
	}
	result = LL_OK;
out:
	return result;
}

static ll_result llm_reply_bool(struct json_object *root, const char *name, bool *out,
                                char *why, size_t whylen)
{
	struct json_object *v;

	*out = false;
	if(!json_object_object_get_ex(root, name, &v) || json_object_is_type(v, json_type_null))
		return LL_OK;     /* optional: older servers ignore strict schemas */
	if(!json_object_is_type(v, json_type_boolean)) {
		snprintf(why, whylen, "\"%s\" must be true or false", name);
		return LL_EVALIDATION;
	}
	*out = json_object_get_boolean(v);
	return LL_OK;
}

/* Tolerates a Markdown fence, which some local models add around JSON, and
 * the white space around it: *text and *len become what is inside. */
static void unfence(const char **text, size_t *len)
{
	const char *t = *text;
	size_t n = *len;

	while(n && isspace((unsigned char)*t)) {
		t++;
		n--;
	}
	while(n && isspace((unsigned char)t[n - 1]))
		n--;
	if(n >= 6 && !memcmp(t, "```", 3) && !memcmp(t + n - 3, "```", 3)) {
		const char *nl = memchr(t, '\n', n - 3);

		if(nl) {
			n = (size_t)(t + n - 3 - (nl + 1));
			t = nl + 1;
		}
	}
	*text = t;
	*len = n;
}

/* out->cited: the passages the ids name, each once, in the model's order;
 * ids that name none are counted in out->ninvented. */
static ll_result llm_reply_cited(struct arena *arena, const char **ids, size_t nids,
                                 size_t npassages, struct llm_reply *out)
{
	out->cited = arena_alloc(arena, (nids ? nids : 1) * sizeof(*out->cited));
	if(!out->cited)
		return LL_ENOMEM;
	for(size_t i = 0; i < nids; i++) {
		size_t idx = llm_passage_index(ids[i], npassages);
		bool seen = false;

		if(idx == SIZE_MAX) {
			out->ninvented++;
			continue;
		}
		for(size_t j = 0; j < out->ncited; j++)
			seen = seen || out->cited[j] == idx;
		if(!seen)
			out->cited[out->ncited++] = idx;
	}
	return LL_OK;
}

ll_result llm_reply_parse(struct arena *arena, const char *text, size_t len,
                          size_t npassages, struct llm_reply *out, char *why, size_t whylen)
{
	struct json_object *root = NULL, *v;
	const char **ids = NULL;
	size_t nids = 0, alen;
	const char *a;
	ll_result result = LL_EVALIDATION;

	memset(out, 0, sizeof(*out));
	snprintf(why, whylen, "invalid reply");
	unfence(&text, &len);
	if(len > LLM_CONTENT_MAX) {
		snprintf(why, whylen, "the reply is longer than %d bytes", LLM_CONTENT_MAX);
		goto out;
	}
	root = llm_parse_json(text, len);
	if(!root) {
		snprintf(why, whylen, "the reply is not one JSON object");
		goto out;
	}
	if(!json_object_object_get_ex(root, "answer", &v) ||
	   !json_object_is_type(v, json_type_string)) {
		snprintf(why, whylen, "the field \"answer\" is missing or not a string");
		goto out;
	}
	a = json_object_get_string(v);
	alen = (size_t)json_object_get_string_len(v);
	while(alen && isspace((unsigned char)*a)) {
		a++;
		alen--;
	}
	if(!alen) {
		snprintf(why, whylen, "\"answer\" is empty");
		goto out;
	}
	if(alen > LLM_REPLY_ANSWER_MAX) {
		snprintf(why, whylen, "\"answer\" is longer than %d characters",
		         LLM_REPLY_ANSWER_MAX);
		goto out;
	}
	out->answer = arena_strndup(arena, a, alen);
	if(!out->answer) {
		result = LL_ENOMEM;
		goto out;
	}
	result = llm_reply_strings(arena, root, "steps", &out->steps, &out->nsteps, why, whylen);
	if(result)
		goto out;
	result = llm_reply_strings(arena, root, "safety_warnings", &out->warnings, &out->nwarnings,
	                           why, whylen);
	if(result)
		goto out;
	result = llm_reply_strings(arena, root, "cited_passages", &ids, &nids, why, whylen);
	if(result)
		goto out;
	result = llm_reply_bool(root, "escalate", &out->escalate, why, whylen);
	if(result)
		goto out;
	result = llm_reply_bool(root, "service_call_recommended", &out->service_call_recommended,
	                        why, whylen);
	if(result)
		goto out;
	result = llm_reply_cited(arena, ids, nids, npassages, out);
	if(result)
		goto out;
	why[0] = '\0';
	result = LL_OK;
out:
	json_object_put(root);
	return result;
}
