#define _GNU_SOURCE
#include "term_support.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* ---- terminating signals ---- */

static volatile sig_atomic_t pending_signal = 0;
static int signal_pipe[2] = {-1, -1};

static void on_terminating_signal(int sig) {
    int saved_errno = errno;
    pending_signal = sig;
    if (signal_pipe[1] >= 0) {
        char byte = (char)sig;
        /* Non-blocking: if the pipe is full a wake-up is already pending. */
        ssize_t ignored = write(signal_pipe[1], &byte, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

static const int terminating_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define TERMINATING_SIGNAL_COUNT (sizeof terminating_signals / sizeof terminating_signals[0])
static struct sigaction previous_terminating_actions[TERMINATING_SIGNAL_COUNT];
static int terminating_installed = 0;

void dmf_install_signal_handlers(void) {
    if (signal_pipe[0] < 0) {
        if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
            signal_pipe[0] = signal_pipe[1] = -1;
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_terminating_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: blocking reads must return EINTR */
    for (size_t i = 0; i < TERMINATING_SIGNAL_COUNT; i++) {
        /* Keep the first saved dispositions when called again, not our own handler. */
        sigaction(terminating_signals[i], &action,
                  terminating_installed ? NULL : &previous_terminating_actions[i]);
    }
    terminating_installed = 1;
}

void dmf_uninstall_signal_handlers(void) {
    if (!terminating_installed) return;
    for (size_t i = 0; i < TERMINATING_SIGNAL_COUNT; i++) {
        sigaction(terminating_signals[i], &previous_terminating_actions[i], NULL);
    }
    terminating_installed = 0;
}

int dmf_pending_signal(void) { return (int)pending_signal; }

void dmf_clear_pending_signal(void) {
    pending_signal = 0;
    if (signal_pipe[0] >= 0) {
        char buffer[64];
        while (read(signal_pipe[0], buffer, sizeof buffer) > 0) {
        }
    }
}

int dmf_signal_fd(void) { return signal_pipe[0]; }

void dmf_reraise(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/* ---- pty for tests ---- */

int dmf_open_pty(int *master, int *slave, int cols, int rows) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0) {
        int saved = errno;
        close(m);
        errno = saved;
        return -1;
    }
    char name[128];
    if (ptsname_r(m, name, sizeof name) != 0) {
        int saved = errno;
        close(m);
        errno = saved;
        return -1;
    }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        int saved = errno;
        close(m);
        errno = saved;
        return -1;
    }
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_col = (unsigned short)cols;
    size.ws_row = (unsigned short)rows;
    ioctl(s, TIOCSWINSZ, &size);
    *master = m;
    *slave = s;
    return 0;
}

int dmf_disable_flow_control(int fd) {
    struct termios modes;
    if (tcgetattr(fd, &modes) != 0) return -1;
    modes.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    return tcsetattr(fd, TCSANOW, &modes);
}

/* ---- crash rescue ---- */

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction previous_crash_actions[CRASH_SIGNAL_COUNT];
static volatile sig_atomic_t crash_installed = 0;
static struct termios crash_modes;
static int crash_tty_fd = -1;
static int crash_out_fd = -1;
static char crash_sequence[256];
static size_t crash_sequence_length = 0;

static void on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (crash_out_fd >= 0 && crash_sequence_length > 0) {
        ssize_t ignored = write(crash_out_fd, crash_sequence, crash_sequence_length);
        (void)ignored;
    }
    if (crash_tty_fd >= 0) tcsetattr(crash_tty_fd, TCSANOW, &crash_modes);
    /* Hand over to whoever was there before (the default action, or Swift's backtracer). */
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == sig) sigaction(sig, &previous_crash_actions[i], NULL);
    }
    /* A fault re-executes the faulting instruction on return and reaches the previous handler
     * with its real context; a signal sent with kill/raise/abort must be raised again. */
    if (info == NULL || info->si_code <= 0) raise(sig);
}

int dmf_install_crash_restore(int tty_fd, int out_fd, const struct termios *shell_modes, const char *restore) {
    if (crash_installed) dmf_remove_crash_restore();
    if (shell_modes != NULL) crash_modes = *shell_modes;
    crash_tty_fd = shell_modes != NULL ? tty_fd : -1;
    crash_out_fd = out_fd;
    crash_sequence_length = 0;
    if (restore != NULL) {
        size_t length = strlen(restore);
        if (length >= sizeof crash_sequence) length = sizeof crash_sequence - 1;
        memcpy(crash_sequence, restore, length);
        crash_sequence[length] = 0;
        crash_sequence_length = length;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &action, &previous_crash_actions[i]);
    }
    crash_installed = 1;
    return 0;
}

void dmf_remove_crash_restore(void) {
    if (!crash_installed) return;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &previous_crash_actions[i], NULL);
    }
    crash_installed = 0;
    crash_tty_fd = crash_out_fd = -1;
}
