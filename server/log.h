/*
 * Logging to stderr.  Rule of the house: never log request bodies, secrets,
 * identities or client addresses.  Client faults are INFO, our bugs ERROR.
 */
#ifndef WADAH_LOG_H
#define WADAH_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level (enum log_level level);
void log_msg (enum log_level level, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#define LOG_D(...) log_msg (LOG_DEBUG, __VA_ARGS__)
#define LOG_I(...) log_msg (LOG_INFO, __VA_ARGS__)
#define LOG_W(...) log_msg (LOG_WARN, __VA_ARGS__)
#define LOG_E(...) log_msg (LOG_ERROR, __VA_ARGS__)
#endif
