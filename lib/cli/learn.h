/* The CLI's `train` and `eval` subcommands (learn.c). */
#ifndef JDC_CLI_LEARN_H
#define JDC_CLI_LEARN_H

/* argv[0] is the subcommand's name; return the process exit status. */
int jdc_cli_train(int argc, char **argv);
int jdc_cli_eval(int argc, char **argv);

#endif
