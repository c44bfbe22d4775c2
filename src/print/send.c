/* Sending printed output: to a file or standard output, to lp, or to the user's command (split
 * into words, no shell), in the foreground or as a background job; and the printers lpstat
 * knows. */
#include "print/print.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "print/print_int.h"
#include "util/xalloc.h"
#include "util/i18n.h"

/* Of a command's stderr, this much is kept (only its first line is told). */
enum { STDERR_KEEP = 4096, STDERR_LINE_MAX = 300, IO_CHUNK = 16384 };

/* --- Command lines ---------------------------------------------------------------------------- */

struct words {
    char **v;
    size_t n, cap;
};

static void
push_word(struct words *w, char *word)
{
    w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
    w->v[w->n++] = word;
}

static void
free_words(char **v)
{
    for (size_t i = 0; v != NULL && v[i] != NULL; i++)
        free(v[i]);
    free(v);
}

/* One quoted stretch starting at the quote *p into word; returns the closing quote, or NULL
 * when there is none. Single quotes keep everything; double quotes take \" \\ \$ \` as
 * escapes, as the shell does. */
static const char *
quoted(const char *p, struct strbuf *word)
{
    char q = *p++;
    for (; *p != '\0' && *p != q; p++) {
        if (q == '"' && p[0] == '\\' && p[1] != '\0' && strchr("\"\\$`", p[1]) != NULL)
            p++;
        sb_putc(word, *p);
    }
    return *p == q ? p : NULL;
}

/* Splits a command line into words: blanks separate them, quotes group them, a backslash
 * outside quotes takes the next character as it is. Nothing is expanded. Returns a
 * NULL-terminated array, or NULL with d filled. */
static char **
split_words(const char *cmd, struct diag *d)
{
    struct words w = {0};
    struct strbuf word = STRBUF_INIT;
    bool in_word = false;
    for (const char *p = cmd;; p++) {
        if (*p == '\0' || *p == ' ' || *p == '\t' || *p == '\n') {
            if (in_word)
                push_word(&w, sb_detach(&word));
            in_word = false;
            if (*p == '\0')
                break;
            continue;
        }
        in_word = true;
        if (*p == '\'' || *p == '"')
            p = quoted(p, &word);
        else if (*p == '\\' && p[1] != '\0')
            sb_putc(&word, *++p);
        else
            sb_putc(&word, *p);
        if (p == NULL) {
            sb_free(&word);
            push_word(&w, NULL);
            free_words(w.v);
            diag_set(d, "", 0, 0, _("unterminated quote in the print command"));
            return NULL;
        }
    }
    push_word(&w, NULL);
    if (w.n == 1) {
        free_words(w.v);
        diag_set(d, "", 0, 0, _("the print command is empty"));
        return NULL;
    }
    return w.v;
}

/* What lp is told besides the printer: a title for the queue (else the job is "(stdin)"),
 * the paper, and what the data is, so that CUPS picks the right filter. */
static void
lp_options(struct words *w, const struct print_dest *dest)
{
    if (dest->title != NULL) {
        push_word(w, xstrdup("-t"));
        push_word(w, xstrdup(dest->title));
    }
    if (dest->media != NULL) {
        push_word(w, xstrdup("-o"));
        push_word(w, xasprintf("media=%s", dest->media));
    }
    if (dest->content_type != NULL) {
        push_word(w, xstrdup("-o"));
        push_word(w, xasprintf("document-format=%s", dest->content_type));
    }
}

/* The program and arguments a destination runs, or NULL (with d filled) for a bad command. */
static char **
dest_argv(const struct print_dest *dest, struct diag *d)
{
    struct words w = {0};
    if (dest->kind == PRINT_TO_COMMAND)
        return split_words(dest->arg ? dest->arg : "", d);
    push_word(&w, xstrdup("lp"));
    if (dest->kind == PRINT_TO_PRINTER && dest->arg != NULL && dest->arg[0] != '\0') {
        push_word(&w, xstrdup("-d"));
        push_word(&w, xstrdup(dest->arg));
    }
    lp_options(&w, dest);
    push_word(&w, NULL);
    return w.v;
}

/* --- Running a command ------------------------------------------------------------------------ */

enum child_out { CHILD_OUT_INHERIT, CHILD_OUT_NULL, CHILD_OUT_CAPTURE };

struct child_run {
    enum child_out out_mode;
    struct strbuf out; /* its standard output, when captured */
    struct strbuf err; /* the start of its standard error */
    int status;        /* as waitpid gives it */
    int exec_errno;    /* why it could not be started, or 0 */
};

static bool
make_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return false;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return true;
}

static void
close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* In the child: standard streams on the pipes, signals as a fresh program expects, then the
 * program; when it cannot start, errno goes up exec_w. */
static void
child_exec(char *const argv[], const int io[3], int exec_w, enum child_out mode)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    int out = io[1];
    if (mode == CHILD_OUT_NULL)
        out = open("/dev/null", O_WRONLY);
    dup2(io[0], STDIN_FILENO);
    if (mode != CHILD_OUT_INHERIT && out >= 0)
        dup2(out, STDOUT_FILENO);
    dup2(io[2], STDERR_FILENO);
    execvp(argv[0], argv);
    int e = errno;
    ssize_t unused = write(exec_w, &e, sizeof e);
    (void)unused;
    _exit(127);
}

/* Writes what the child's stdin takes now; closes it when all is written or the child
 * stopped reading. */
static void
feed(int *fd, const char *data, size_t n, size_t *done)
{
    size_t want = n - *done < IO_CHUNK ? n - *done : IO_CHUNK;
    ssize_t w = want > 0 ? write(*fd, data + *done, want) : 0;
    if (w > 0)
        *done += (size_t)w;
    else if (w < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (*done == n || w <= 0)
        close_fd(fd);
}

/* Reads what is there from fd into sb (at most `keep` bytes kept); closes fd at its end. */
static void
drain(int *fd, struct strbuf *sb, size_t keep)
{
    char buf[IO_CHUNK];
    ssize_t r = read(*fd, buf, sizeof buf);
    if (r < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (r <= 0) {
        close_fd(fd);
        return;
    }
    size_t room = sb->len < keep ? keep - sb->len : 0;
    sb_append(sb, buf, (size_t)r < room ? (size_t)r : room);
}

/* Feeds data to the child and collects its output, both at once, so that neither side
 * waits for the other. */
static void
exchange(int fds[3], const char *data, size_t n, struct child_run *r)
{
    size_t done = 0;
    if (n == 0)
        close_fd(&fds[0]);
    else
        fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    while (fds[0] >= 0 || fds[1] >= 0 || fds[2] >= 0) {
        struct pollfd p[3];
        for (int i = 0; i < 3; i++)
            p[i] = (struct pollfd){fds[i], i == 0 ? POLLOUT : POLLIN, 0};
        if (poll(p, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents != 0)
            feed(&fds[0], data, n, &done);
        if (p[1].revents != 0)
            drain(&fds[1], &r->out, SIZE_MAX);
        if (p[2].revents != 0)
            drain(&fds[2], &r->err, STDERR_KEEP);
    }
    for (int i = 0; i < 3; i++)
        close_fd(&fds[i]);
}

/* Writing to a command that stopped reading must fail with EPIPE, not end ndvr: SIGPIPE is
 * blocked meanwhile, and one it raised is taken off before it is unblocked. */
static void
unblock_sigpipe(const sigset_t *old, bool was_pending)
{
    sigset_t pending, pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigpending(&pending);
    if (!was_pending && sigismember(&pending, SIGPIPE)) {
        struct timespec zero = {0, 0};
        sigtimedwait(&pipe_set, NULL, &zero);
    }
    sigprocmask(SIG_SETMASK, old, NULL);
}

static pid_t
wait_child(pid_t pid, int *status)
{
    pid_t got;
    do
        got = waitpid(pid, status, 0);
    while (got < 0 && errno == EINTR);
    return got;
}

/* Starts the child with pipes on its streams; its stdout is captured only when asked. */
static pid_t
start_child(char *const argv[], struct child_run *r, int fds[3])
{
    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1}, ex[2] = {-1, -1};
    bool capture = r->out_mode == CHILD_OUT_CAPTURE;
    if (!make_pipe(in) || (capture && !make_pipe(out)) || !make_pipe(err) || !make_pipe(ex)) {
        r->exec_errno = errno;
        int all[] = {in[0], in[1], out[0], out[1], err[0], err[1], ex[0], ex[1]};
        for (size_t i = 0; i < 8; i++)
            close_fd(&all[i]);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0)
        child_exec(argv, (int[3]){in[0], out[1], err[1]}, ex[1], r->out_mode);
    int child_ends[] = {in[0], out[1], err[1], ex[1]};
    for (size_t i = 0; i < 4; i++)
        close_fd(&child_ends[i]);
    fds[0] = in[1], fds[1] = out[0], fds[2] = err[0];
    ssize_t got = pid > 0 ? read(ex[0], &r->exec_errno, sizeof r->exec_errno) : 0;
    if (pid < 0 || got != (ssize_t)sizeof r->exec_errno)
        r->exec_errno = pid < 0 ? errno : 0; /* EOF: the program runs */
    close(ex[0]);
    return pid;
}

/* Runs argv with data on its stdin and waits for it. False when it could not be started. */
static bool
run_child(char *const argv[], const char *data, size_t n, struct child_run *r)
{
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigpending(&pending);
    bool was_pending = sigismember(&pending, SIGPIPE);
    sigprocmask(SIG_BLOCK, &pipe_set, &old);
    int fds[3] = {-1, -1, -1};
    pid_t pid = start_child(argv, r, fds);
    if (pid > 0 && r->exec_errno == 0)
        exchange(fds, data, n, r);
    for (int i = 0; i < 3; i++)
        close_fd(&fds[i]);
    if (pid > 0 && wait_child(pid, &r->status) < 0)
        r->status = 0;
    unblock_sigpipe(&old, was_pending);
    if (pid < 0 && r->exec_errno == 0)
        r->exec_errno = EAGAIN;
    return pid > 0 && r->exec_errno == 0;
}

/* The first line of a command's stderr, made printable and short. */
static char *
first_line(const struct strbuf *err)
{
    const char *s = sb_str(err);
    size_t n = strcspn(s, "\r\n");
    if (n > STDERR_LINE_MAX) {
        n = STDERR_LINE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    struct strbuf sb = STRBUF_INIT;
    print_put_clean(&sb, s, n, true);
    return sb_detach(&sb);
}

/* How the run ended, in d: false unless the command ran and exited 0. */
static bool
run_verdict(const char *prog, const struct child_run *r, struct diag *d)
{
    if (r->exec_errno != 0)
        return diag_set(d, "", 0, 0, _("cannot run `%s`: %s"), prog, strerror(r->exec_errno));
    if (WIFSIGNALED(r->status))
        return diag_set(d, "", 0, 0, _("`%s` failed (killed by signal %d)"), prog,
                        WTERMSIG(r->status));
    if (!WIFEXITED(r->status) || WEXITSTATUS(r->status) == 0)
        return true;
    char *line = first_line(&r->err);
    diag_set(d, "", 0, 0, _("`%s` failed (exit %d)%s%s"), prog, WEXITSTATUS(r->status),
             line[0] ? ": " : "", line);
    free(line);
    return false;
}

/* --- Destinations ----------------------------------------------------------------------------- */

static bool
write_all(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        n -= (size_t)w;
    }
    return true;
}

static bool
send_stdout(const char *data, size_t n, struct diag *d)
{
    fflush(stdout);
    if (!write_all(STDOUT_FILENO, data, n))
        return diag_set(d, "", 0, 0, _("cannot write to standard output: %s"), strerror(errno));
    return true;
}

/* A device, a FIFO, a symbolic link (/dev/stdout, /dev/fd/3) or the like: written through as
 * it is; replacing it would put a regular file where /dev/null or the link was. */
static bool
write_in_place(const char *path, const char *data, size_t n, struct diag *d)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return diag_set(d, "", 0, 0, _("cannot write %s: %s"), path, strerror(errno));
    bool ok = write_all(fd, data, n);
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    return ok || diag_set(d, "", 0, 0, _("cannot write %s: %s"), path, strerror(e));
}

/* The mode of the new file: the old one's, or what creating it would give. */
static mode_t
new_file_mode(const struct stat *old)
{
    if (old != NULL)
        return old->st_mode & 0777;
    mode_t mask = umask(0); /* the only way to read it; ndvr has no threads to race with */
    umask(mask);
    return 0666 & ~mask;
}

/* Writes and syncs fd, then renames temp over target; false with errno set. */
static bool
fill_and_rename(int fd, const char *temp, const char *target, const char *data, size_t n,
                mode_t mode)
{
    bool written = fchmod(fd, mode) == 0 && write_all(fd, data, n) && fsync(fd) == 0;
    int e = errno;
    if (close(fd) != 0 && written) {
        written = false;
        e = errno;
    }
    errno = e;
    return written && rename(temp, target) == 0;
}

/* A regular file (or a new one) is replaced only once the whole printout is written to a
 * temporary file beside it: a full disk or a failing write leaves the old file as it was,
 * not truncated to a partial printout. */
static bool
replace_file(const char *path, const struct stat *old, const char *data, size_t n, struct diag *d)
{
    char *temp = xasprintf("%s.ndvr-XXXXXX", path);
    int fd = mkstemp(temp); /* O_EXCL: never a file planted under that name */
    if (fd >= 0)
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    bool ok = fd >= 0 && fill_and_rename(fd, temp, path, data, n, new_file_mode(old));
    int e = errno;
    if (!ok && fd >= 0)
        unlink(temp);
    free(temp);
    return ok || diag_set(d, "", 0, 0, _("cannot write %s: %s"), path, strerror(e));
}

static bool
send_file(const char *path, const char *data, size_t n, struct diag *d)
{
    if (path == NULL || path[0] == '\0')
        return diag_set(d, "", 0, 0, _("no file to print to"));
    if (strcmp(path, "-") == 0)
        return send_stdout(data, n, d);
    struct stat st;
    bool exists = lstat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode))
        return write_in_place(path, data, n, d);
    return replace_file(path, exists ? &st : NULL, data, n, d);
}

/* print_send with the command's stdout where out_mode says. */
static bool
send_to(const char *data, size_t n, const struct print_dest *dest, enum child_out out_mode,
        struct diag *d)
{
    if (dest->kind == PRINT_TO_FILE)
        return send_file(dest->arg, data, n, d);
    char **argv = dest_argv(dest, d);
    if (argv == NULL)
        return false;
    struct child_run r = {.out_mode = out_mode, .out = STRBUF_INIT, .err = STRBUF_INIT};
    run_child(argv, data, n, &r);
    bool ok = run_verdict(argv[0], &r, d);
    sb_free(&r.out);
    sb_free(&r.err);
    free_words(argv);
    return ok;
}

bool
print_send(const char *data, size_t nbytes, const struct print_dest *dest, struct diag *d)
{
    fflush(stdout); /* what ndvr printed before comes before what the command prints */
    return send_to(data, nbytes, dest, CHILD_OUT_INHERIT, d);
}

/* --- Background jobs -------------------------------------------------------------------------- */

/* In the job's process: the reader's signal handlers must not run here (they would reap
 * our command or touch the terminal). */
static void
reset_signals(void)
{
    static const int sigs[] = {SIGCHLD, SIGWINCH, SIGINT,  SIGTERM, SIGHUP, SIGQUIT,
                               SIGTSTP, SIGCONT,  SIGALRM, SIGUSR1, SIGUSR2};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
}

bool
print_job_start(const char *data, size_t nbytes, const struct print_dest *dest,
                struct print_job *job, struct diag *d)
{
    int ep[2];
    job->pid = -1;
    job->err_fd = -1;
    if (!make_pipe(ep))
        return diag_set(d, "", 0, 0, _("cannot start printing: %s"), strerror(errno));
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(ep[0]);
        close(ep[1]);
        return diag_set(d, "", 0, 0, _("cannot start printing: %s"), strerror(e));
    }
    if (pid == 0) {
        close(ep[0]);
        reset_signals();
        struct diag jd = {0};
        /* the command's output would land on the reader's screen */
        bool ok = send_to(data, nbytes, dest, CHILD_OUT_NULL, &jd);
        if (!ok)
            write_all(ep[1], jd.msg, strlen(jd.msg));
        _exit(ok ? 0 : 1);
    }
    close(ep[1]);
    fcntl(ep[0], F_SETFL, fcntl(ep[0], F_GETFL) | O_NONBLOCK);
    job->pid = pid;
    job->err_fd = ep[0];
    return true;
}

bool
print_job_finish(struct print_job *job, bool *ok, struct diag *d)
{
    int status = 0;
    if (job->pid <= 0)
        return false;
    pid_t got = waitpid(job->pid, &status, WNOHANG);
    if (got == 0 || (got < 0 && errno == EINTR))
        return false;
    struct strbuf msg = STRBUF_INIT;
    char buf[sizeof d->msg];
    ssize_t r;
    while ((r = read(job->err_fd, buf, sizeof buf)) > 0 && msg.len < sizeof buf)
        sb_append(&msg, buf, (size_t)r);
    close_fd(&job->err_fd);
    *ok = got == job->pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!*ok)
        diag_set(d, "", 0, 0, "%s", msg.len > 0 ? sb_str(&msg) : "the print job failed");
    sb_free(&msg);
    job->pid = -1;
    return true;
}

/* --- Printers --------------------------------------------------------------------------------- */

char **
print_printers(void)
{
    char *argv[] = {(char *)"lpstat", (char *)"-e", NULL};
    struct child_run r = {.out_mode = CHILD_OUT_CAPTURE, .out = STRBUF_INIT, .err = STRBUF_INIT};
    struct words w = {0};
    if (run_child(argv, NULL, 0, &r)) {
        const char *s = sb_str(&r.out);
        for (size_t n; *s != '\0'; s += n + (s[n] != '\0')) {
            n = strcspn(s, "\n");
            struct strbuf name = STRBUF_INIT;
            print_put_clean(&name, s, n, true);
            if (name.len > 0)
                push_word(&w, sb_detach(&name));
            sb_free(&name);
        }
    }
    sb_free(&r.out);
    sb_free(&r.err);
    push_word(&w, NULL);
    return w.v;
}

void
print_printers_free(char **printers)
{
    free_words(printers);
}
