/*
** bench_start: time from starting a program in a terminal to its first prompt.
**
**   bench_start [--runs N] [--warmup N] [--until TEXT] -- PROGRAM [ARGS...]
**
** Each run starts PROGRAM on a new pseudo-terminal (what a trainee's terminal is), reads what it
** writes until TEXT appears (the prompt) or the program exits, then kills it and reads its CPU
** time (user + system, from wait4) up to that moment.  Without --until it waits for the exit, so
** `bench_start -- lua5.4 -e ''` times a whole run of the comparison program.  Prints one line:
**   runs=N seen=N wall_mean_ms=... wall_median_ms=... cpu_mean_ms=... cpu_median_ms=... minflt_median=...
** seen counts the runs where TEXT appeared; a run without it is still timed to the exit.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* One run: 1 when the text appeared.  *wall and *cpu in milliseconds, *flt its minor page faults. */
static int run_once(char **cmd, const char *until, double *wall, double *cpu, double *flt) {
  struct winsize ws = { .ws_row = 40, .ws_col = 100 };
  int master;
  double t0 = now_ms();
  pid_t pid = forkpty(&master, NULL, NULL, &ws);
  if (pid < 0) { perror("bench_start: forkpty"); exit(2); }
  if (pid == 0) {
    execvp(cmd[0], cmd);
    _exit(127);
  }
  char buf[8192];
  size_t have = 0;
  int seen = 0;
  double deadline = t0 + 10000;
  while (!seen && now_ms() < deadline) {
    struct pollfd pf = { master, POLLIN, 0 };
    if (poll(&pf, 1, 100) <= 0) continue;
    ssize_t n = read(master, buf + have, sizeof buf - 1 - have);
    if (n <= 0) break;   /* EIO: the program closed the terminal (it exited) */
    have += (size_t)n;
    buf[have] = 0;
    if (until && memmem(buf, have, until, strlen(until))) seen = 1;
    if (have > sizeof buf / 2) {   /* keep the tail: the text may straddle two reads */
      size_t keep = sizeof buf / 4;
      memmove(buf, buf + have - keep, keep);
      have = keep;
    }
  }
  *wall = now_ms() - t0;
  if (seen) kill(pid, SIGKILL);
  struct rusage ru;
  int status;
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {}
  close(master);
  *cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  *flt = (double)ru.ru_minflt;
  return seen;
}

int main(int argc, char **argv) {
  int runs = 40, warmup = 3, i = 1;
  const char *until = NULL;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
    else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc) warmup = atoi(argv[++i]);
    else if (strcmp(argv[i], "--until") == 0 && i + 1 < argc) until = argv[++i];
    else { fprintf(stderr, "usage: bench_start [--runs N] [--warmup N] [--until TEXT] -- PROGRAM [ARGS...]\n"); return 2; }
  }
  if (i + 1 >= argc || runs < 1) {
    fprintf(stderr, "usage: bench_start [--runs N] [--warmup N] [--until TEXT] -- PROGRAM [ARGS...]\n");
    return 2;
  }
  char **cmd = argv + i + 1;
  double *wall = calloc((size_t)runs, sizeof *wall), *cpu = calloc((size_t)runs, sizeof *cpu);
  double *flt = calloc((size_t)runs, sizeof *flt);
  if (!wall || !cpu || !flt) return 2;
  double w, c, f;
  for (int k = 0; k < warmup; k++) run_once(cmd, until, &w, &c, &f);
  int seen = 0;
  double wsum = 0, csum = 0;
  for (int k = 0; k < runs; k++) {
    seen += run_once(cmd, until, &wall[k], &cpu[k], &flt[k]);
    wsum += wall[k]; csum += cpu[k];
  }
  qsort(wall, (size_t)runs, sizeof *wall, cmp_double);
  qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
  qsort(flt, (size_t)runs, sizeof *flt, cmp_double);
  printf("runs=%d seen=%d wall_mean_ms=%.3f wall_median_ms=%.3f cpu_mean_ms=%.3f cpu_median_ms=%.3f minflt_median=%.0f\n",
         runs, seen, wsum / runs, wall[runs / 2], csum / runs, cpu[runs / 2], flt[runs / 2]);
  free(wall); free(cpu); free(flt);
  return until && seen < runs ? 1 : 0;
}
