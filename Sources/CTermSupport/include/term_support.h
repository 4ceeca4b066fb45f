/* Small pieces of the terminal layer that must be real C: signal handlers (Swift does not promise
 * async-signal safety) and pty set-up (Glibc's Swift module hides posix_openpt and friends). */
#ifndef DMF_TERM_SUPPORT_H
#define DMF_TERM_SUPPORT_H

#include <termios.h>

/* Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT, without SA_RESTART so that a
 * blocking read returns EINTR. The handler only records the signal number and writes one byte to
 * a self-pipe (see dmf_signal_fd). Call before newterm: ncurses then leaves these signals alone. */
void dmf_install_signal_handlers(void);

/* Puts back the dispositions that dmf_install_signal_handlers replaced (tests, and programs that
 * go on running after the terminal is closed). The self-pipe stays open. */
void dmf_uninstall_signal_handlers(void);

/* The last terminating signal received, or 0 if none. */
int dmf_pending_signal(void);

/* Forgets the pending signal and drains the self-pipe. */
void dmf_clear_pending_signal(void);

/* The read end of the self-pipe, readable whenever a signal is pending; -1 before install.
 * Polling it together with the terminal closes the race between checking the flag and
 * blocking in read(). */
int dmf_signal_fd(void);

/* Restores the default action for `sig` and raises it, so the process ends with the status a
 * shell expects (128 + sig). Returns only if the signal is ignored or blocked. */
void dmf_reraise(int sig);

/* Opens a pseudo-terminal pair of the given size. Returns 0 on success, -1 with errno set. */
int dmf_open_pty(int *master, int *slave, int cols, int rows);

/* Turns off XON/XOFF flow control on the terminal at `fd`, so Ctrl-S and Ctrl-Q reach the
 * program. Returns 0 on success, -1 on failure. */
int dmf_disable_flow_control(int fd);

/* Best-effort rescue for crashes: remembers `shell_modes` (the terminal modes to go back to; NULL
 * to skip them) and the escape sequence `restore` (e.g. leave alternate screen, show cursor), and
 * installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP that write the
 * sequence to `out_fd`, put the modes back on `tty_fd`, then hand the signal to the previous
 * handler (the default action, or Swift's backtracer). Returns 0 on success. */
int dmf_install_crash_restore(int tty_fd, int out_fd, const struct termios *shell_modes, const char *restore);

/* Removes the crash handlers installed by dmf_install_crash_restore (on a normal close). */
void dmf_remove_crash_restore(void);

#endif
