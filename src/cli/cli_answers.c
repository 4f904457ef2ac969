/* cli_answers.c - linelead ingest, ask and stats. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/path.h"
#include "cli.h"
#include "ingest.h"
#include "ingest_convert.h"
#include "ingest_report.h"
#include "orchestrator.h"
#include "ragie.h"
#include "store.h"
#include "valid.h"
#include "worker.h"

/* `--to ragie`: after a document is stored here, the same text goes to
 * Ragie (POST {base}/documents), read back from what was stored so both
 * hold exactly the same thing. */
static ll_result cli_upload_ragie(struct worker *w, long long document_id)
{
	static const struct db_stmt doc = {
		"cli_ragie_document",
		"SELECT title, category, content FROM documents WHERE id = $1"};
	char id[24];
	const char *params[1] = {id};
	PGresult *res = NULL;
	ll_result result;

	snprintf(id, sizeof(id), "%lld", document_id);
	result = db_exec(&w->db, &doc, 1, params, &res);
	if(result)
		goto out;
	if(PQntuples(res) != 1) {
		result = LL_ENOTFOUND;
		goto out;
	}
	result = ragie_upload(w->settings, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
	                      PQgetvalue(res, 0, 2), (size_t)PQgetlength(res, 0, 2));
out:
	PQclear(res);
	return result;
}

/* OCR is slow: a line on stderr after each page read. */
static void cli_ocr_progress(void *ctx, int done, int total)
{
	fprintf(stderr, "linelead ingest: %s: OCR page %d of %d\n", (const char *)ctx, done, total);
}

/* The options of `linelead ingest` into *opt; the number of FILEs, or -1
 * after printing what is wrong. */
static int cli_ingest_args(int argc, char **argv, struct ingest_options *opt, bool *to_ragie)
{
	int files = 0;
	enum ingest_kind kind;

	for(int i = 0; i < argc; i++) {
		if(strcmp(argv[i], "--category") == 0 && i + 1 < argc)
			opt->category = argv[++i];
		else if(strcmp(argv[i], "--title") == 0 && i + 1 < argc)
			opt->title = argv[++i];
		else if(strcmp(argv[i], "--source") == 0 && i + 1 < argc)
			opt->source = argv[++i];
		else if(strcmp(argv[i], "--format") == 0 && i + 1 < argc &&
		        ingest_kind_parse(argv[i + 1], &kind))
			{
			opt->format = kind;
			i++;
		}
		else if(strcmp(argv[i], "--to") == 0 && i + 1 < argc &&
		        strcmp(argv[i + 1], "ragie") == 0)
			*to_ragie = ++i > 0;
		else if(strncmp(argv[i], "--", 2) == 0) {
			fprintf(stderr, "linelead ingest: unknown option or value \"%s\"\n",
			        argv[i]);
			return -1;
		} else
			files++;
	}
	if(files == 0) {
		fprintf(stderr, "usage: linelead ingest [--category C] [--title T] [--source S] "
		        "[--format auto|markdown|text|pdf|docx] [--to ragie] FILE...\n");
		return -1;
	}
	if(opt->category && !ingest_category_valid(opt->category)) {
		fprintf(stderr, "linelead ingest: --category must be equipment, safety,"
		                " operations, training or general\n");
		return -1;
	}
	if((opt->title || opt->source) && files > 1) {
		fprintf(stderr, "linelead ingest: --title and --source name one document: give one"
		                " FILE\n");
		return -1;
	}
	return files;
}

int cli_ingest(struct worker *w, int argc, char **argv)
{
	struct ingest_options opt = {0};
	struct ingest_extract x;
	int failed = 0, files;
	bool to_ragie = false;

	opt.max_bytes = (size_t)w->settings->max_document_bytes;
	opt.extract = &x;
	opt.progress = cli_ocr_progress;
	files = cli_ingest_args(argc, argv, &opt, &to_ragie);
	if(files < 0)
		return 2;
	for(int i = 0; i < argc; i++) {
		struct ingest_report rep;
		char err[512];
		ll_result result;

		if(strncmp(argv[i], "--", 2) == 0) {
			i++;
			continue;
		}
		opt.progress_ctx = argv[i];
		result = ingest_file(&w->db, &w->arena, argv[i], &opt, &rep, err, sizeof(err));
		if(result) {
			fprintf(stderr, "linelead ingest: %s: %s (nothing stored)\n", argv[i], err);
			failed++;
		} else {
			if(rep.unchanged)
				printf("unchanged %s: document %lld is already up to"
				       " date\n", argv[i], rep.document_id);
			else
				printf("ingested %s: %d section%s, %d chunk%s (document"
				       " %lld)\n", argv[i], rep.sections,
				       rep.sections == 1 ? "" : "s", rep.chunks,
				       rep.chunks == 1 ? "" : "s", rep.document_id);
			ingest_report_print(stdout, &rep, &x);
		}
		if(!result && to_ragie) {
			if(cli_upload_ragie(w, rep.document_id) == LL_OK) {
				printf("uploaded %s to Ragie\n", argv[i]);
			} else {
				fprintf(stderr, "linelead ingest: %s: stored here, but the Ragie"
				                " upload failed\n", argv[i]);
				failed++;
			}
		}
		fflush(stdout);
		arena_reset(&w->arena);
	}
	if(failed)
		fprintf(stderr, "linelead ingest: %d of %d file%s failed\n", failed, files,
		        files == 1 ? "" : "s");
	return failed ? 1 : 0;
}

static void print_list(const char *heading, const char *const *items, size_t n, bool numbered)
{
	if(n == 0)
		return;
	printf("\n%s:\n", heading);
	for(size_t i = 0; i < n; i++) {
		if(numbered)
			printf("  %zu. %s\n", i + 1, items[i]);
		else
			printf("  - %s\n", items[i]);
	}
}

/* The options and question of `linelead ask` into *in; 0, or 2 after
 * printing what is wrong. */
static int cli_ask_args(int argc, char **argv, struct chat_request *in, bool *json)
{
	int p;

	in->priority = PRIORITY_NORMAL;
	for(int i = 0; i < argc; i++) {
		if(strcmp(argv[i], "--json") == 0)
			*json = true;
		else if(strcmp(argv[i], "--agent") == 0 && i + 1 < argc)
			in->agent = argv[++i];
		else if(strcmp(argv[i], "--priority") == 0 && i + 1 < argc) {
			p = priority_parse(argv[++i]);
			if(p < 0) {
				fprintf(stderr, "linelead ask: --priority must be low, normal,"
				                " high or urgent\n");
				return 2;
			}
			in->priority = (enum priority)p;
		} else if(strcmp(argv[i], "--conversation") == 0 && i + 1 < argc)
			in->conversation_id = argv[++i];
		else if(!in->message && strncmp(argv[i], "--", 2) != 0)
			in->message = argv[i];
		else {
			fprintf(stderr, "linelead ask: unexpected \"%s\"\n", argv[i]);
			return 2;
		}
	}
	if(!in->message || !in->message[0] || strlen(in->message) > 8000) {
		fprintf(stderr, "usage: linelead ask [--json] [--agent A] [--priority P] "
		        "[--conversation ID] \"question\"\n");
		return 2;
	}
	if(in->agent && agent_from_name(in->agent) == AGENT_NONE) {
		fprintf(stderr, "linelead ask: --agent must be equipment, safety, operations,"
		                " training or general\n");
		return 2;
	}
	if(in->conversation_id && !valid_id(in->conversation_id, 100)) {
		fprintf(stderr, "linelead ask: --conversation must be 1-100 characters of A-Z a-z"
		                " 0-9 _ . -\n");
		return 2;
	}
	return 0;
}

int cli_ask(struct worker *w, int argc, char **argv)
{
	struct chat_request in = {0};
	struct chat_result r;
	struct answer_ctx actx;
	bool json = false;
	ll_result result;

	if(cli_ask_args(argc, argv, &in, &json))
		return 2;
	worker_answer_ctx(w, &actx);
	result = orchestrator_answer(&actx, &in, NULL, NULL, &r);
	if(result) {
		fprintf(stderr, "linelead ask: cannot answer (%s):"
		                " %s\n", result_code(result), w->db.last_error);
		return 1;
	}
	if(json) {
		struct json_object *o = orchestrator_result_json(&r);

		printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
		                                                 JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		return 0;
	}
	printf("Agent: %s", agent_name(r.agent));
	if(r.secondary != AGENT_NONE)
		printf(" + %s", agent_name(r.secondary));
	printf("   confidence %.2f%s%s\n\n", r.answer.confidence,
	       r.answer.escalate ? "   ESCALATE" : "",
	       r.answer.service_call_recommended ? "   service call recommended" : "");
	printf("%s\n", r.answer.response);
	print_list("Safety warnings", r.answer.warnings, r.answer.nwarnings, false);
	print_list("Steps", r.answer.steps, r.answer.nsteps, true);
	if(r.answer.ncitations) {
		printf("\nSources:\n");
		for(size_t i = 0; i < r.answer.ncitations; i++)
			printf("  [%zu] %s%s%s (document %lld, score"
			       " %.2f)\n", i + 1, r.answer.citations[i].title,
			       r.answer.citations[i].section[0] ? " - " : "",
			       r.answer.citations[i].section,
			       r.answer.citations[i].document_id, r.answer.citations[i].score);
	}
	printf("\nconversation %s, %.1f ms\n", r.conversation_id, r.processing_time * 1000.0);
	return 0;
}

int cli_stats(struct worker *w, int argc, char **argv)
{
	static const char *const names[5] = {
		"documents", "chunks", "conversations", "messages", "request_log",
	};
	long long counts[5];

	(void)argv;
	if(argc != 0) {
		fprintf(stderr, "usage: linelead stats\n");
		return 2;
	}
	if(store_stats(&w->db, counts) != LL_OK) {
		fprintf(stderr, "linelead stats: database error: %s\n", w->db.last_error);
		return 1;
	}
	for(int i = 0; i < 5; i++)
		printf("%-14s %lld\n", names[i], counts[i]);
	return 0;
}
