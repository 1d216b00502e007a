// The exit statuses of every tool (npm run locks, demo, bench), so scripts can tell them apart.
export const EXIT_OK = 0;
/** Something failed or a problem was found; the output says what. */
export const EXIT_PROBLEM = 1;
/** The command line is wrong; the output says how to use it. */
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (128 + SIGINT), as a shell reports it. */
export const EXIT_INTERRUPTED = 130;
/**
 * `npm run drift` only: the resources differ from the configuration. Like `terraform plan
 * -detailed-exitcode`, which it runs, a usage error there exits EXIT_PROBLEM instead.
 */
export const EXIT_DRIFT = 2;
