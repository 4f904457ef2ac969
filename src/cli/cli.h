/* cli.h - the subcommands of `linelead`.  Each takes the arguments after its
 * name and a worker context built with what the command needs (main_cli.c:
 * the database alone, or the answer path too), and returns the process exit
 * status. */
#ifndef LINELEAD_CLI_H
#define LINELEAD_CLI_H

struct worker;

int cli_migrate(struct worker *w, int argc, char **argv);
int cli_apikey(struct worker *w, int argc, char **argv);
int cli_ingest(struct worker *w, int argc, char **argv);
int cli_ask(struct worker *w, int argc, char **argv);
int cli_stats(struct worker *w, int argc, char **argv);
int cli_prune(struct worker *w, int argc, char **argv);
int cli_rank_features(struct worker *w, int argc, char **argv);
int cli_vocab(struct worker *w, int argc, char **argv);

#endif
