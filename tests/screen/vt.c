/* Screen-test harness: a child on a pty, its output run through libvterm. */
#define _GNU_SOURCE /* forkpty, close_range, syscall, nftw */

#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <iconv.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#ifndef NDVR_SOURCE_DIR
#error "NDVR_SOURCE_DIR must name the source tree"
#endif

#define HOME_MAX 256

extern char **environ;

struct vt {
    VTerm *term;
    VTermScreen *screen;
    VTerm *probe; /* 1-row scratch terminal that tells a character's own width */
    int rows, cols;
    pid_t pid;
    int fd;      /* pty master, non-blocking */
    int pidfd;   /* readable when the child exits; -1 on kernels without pidfd_open */
    int scale;   /* $NDVR_VT_SCALE: multiplies every timeout and quiet period */
    bool eof;    /* the slave side is closed: nothing more will come */
    bool exited; /* reaped; status is valid */
    int status;
    size_t received; /* bytes the program wrote, for checking what an update costs */
    char *log;       /* every byte the program wrote (received of them), for vt_count_since */
    size_t logcap;
    bool altscreen;
    bool cursor_visible; /* DECTCEM as xterm keeps it: see track_cursor */
    int esc_state, esc_param;
    bool esc_has25;
    char *out; /* bytes for the child: input and the emulator's replies */
    size_t nout, outcap;
    char home[HOME_MAX]; /* the child's $HOME, a fresh directory */
    struct vt *next;     /* in live_vts */
    bool converting;     /* vt_set_charset: the terminal's encoding is not UTF-8 */
    iconv_t from_child, to_child;
    char partial[8]; /* the start of a character the child has not finished writing */
    size_t npartial;
};

/*
 * Every vt not yet freed. A failed Criterion assertion ends the test without vt_free, but the
 * worker process still exits through exit(): an atexit handler then kills the children and
 * removes their directories. Criterion runs each test in its own process, so no lock.
 */
static struct vt *live_vts;

/* Small helpers. */

static void *
xmalloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL)
        abort();
    return p;
}

static void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (p == NULL)
        abort();
    return p;
}

static char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static int64_t
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
remaining_ms(int64_t deadline)
{
    int64_t left = deadline - now_ms();
    return left < 0 ? 0 : left > 60000 ? 60000 : (int)left;
}

static int64_t
deadline_after(const struct vt *vt, int timeout_ms)
{
    return now_ms() + (int64_t)(timeout_ms > 0 ? timeout_ms : VT_TIMEOUT_MS) * vt->scale;
}

__attribute__((format(printf, 3, 4))) static void
set_msg(char *msg, size_t msgsize, const char *fmt, ...)
{
    if (msg == NULL || msgsize == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, msgsize, fmt, ap);
    va_end(ap);
}

static size_t
utf8_put(char *buf, uint32_t c)
{
    if (c < 0x80) {
        buf[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        buf[0] = (char)(0xC0 | c >> 6);
        buf[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        buf[0] = (char)(0xE0 | c >> 12);
        buf[1] = (char)(0x80 | (c >> 6 & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (c >> 18 & 0x07));
    buf[1] = (char)(0x80 | (c >> 12 & 0x3F));
    buf[2] = (char)(0x80 | (c >> 6 & 0x3F));
    buf[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The child's environment: a NULL-terminated list of "NAME=value" strings. */

struct envlist {
    char **v;
    size_t n, cap;
};

static void
env_add(struct envlist *e, char *entry)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 64;
        e->v = xrealloc(e->v, e->cap * sizeof *e->v);
    }
    e->v[e->n++] = entry;
}

static void
env_remove(struct envlist *e, const char *name, size_t namelen)
{
    size_t kept = 0;
    for (size_t i = 0; i < e->n; i++) {
        if (strncmp(e->v[i], name, namelen) == 0 && e->v[i][namelen] == '=')
            free(e->v[i]);
        else
            e->v[kept++] = e->v[i];
    }
    e->n = kept;
}

static void
env_put(struct envlist *e, const char *name, const char *value)
{
    size_t n = strlen(name) + strlen(value) + 2;
    char *entry = xmalloc(n);
    snprintf(entry, n, "%s=%s", name, value);
    env_remove(e, name, strlen(name));
    env_add(e, entry);
}

/* Variables that would change what the child draws, or where it reads and keeps its files. */
static bool
env_is_scrubbed(const char *entry)
{
    static const char *const prefixes[] = {"LC_", "XDG_", "NDVR_", "NCURSES_", "TERMINFO"};
    static const char *const names[] = {"TERM",    "LANG",     "LANGUAGE",  "HOME", "LINES",
                                        "COLUMNS", "ESCDELAY", "COLORTERM", "TMUX", "STY"};
    size_t namelen = strcspn(entry, "=");
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(entry, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == namelen && strncmp(entry, names[i], namelen) == 0)
            return true;
    return false;
}

static void
env_put_home(struct envlist *e, const char *home, const char *name, const char *sub)
{
    char path[HOME_MAX + 16];
    snprintf(path, sizeof path, "%s/%s", home, sub);
    env_put(e, name, path);
}

static char **
child_env(const struct vt *vt, const char *const extra_env[])
{
    struct envlist e = {NULL, 0, 0};
    for (char **p = environ; *p != NULL; p++)
        if (!env_is_scrubbed(*p))
            env_add(&e, xstrdup(*p));
    env_put(&e, "TERM", "xterm-256color");
    env_put(&e, "LC_ALL", "C.UTF-8");
    env_put(&e, "HOME", vt->home);
    env_put_home(&e, vt->home, "XDG_CONFIG_HOME", "config");
    env_put_home(&e, vt->home, "XDG_STATE_HOME", "state");
    env_put_home(&e, vt->home, "XDG_DATA_HOME", "data");
    env_put_home(&e, vt->home, "XDG_CACHE_HOME", "cache");
    env_put(&e, "NDVR_CORPUS", NDVR_SOURCE_DIR "/assets/corpus");
    for (size_t i = 0; extra_env != NULL && extra_env[i] != NULL; i++) {
        const char *entry = extra_env[i];
        size_t namelen = strcspn(entry, "=");
        env_remove(&e, entry, namelen);
        if (entry[namelen] == '=' && entry[namelen + 1] != '\0')
            env_add(&e, xstrdup(entry));
    }
    env_add(&e, NULL);
    return e.v;
}

static void
env_free(char **v)
{
    for (size_t i = 0; v[i] != NULL; i++)
        free(v[i]);
    free(v);
}

/* The temporary home directory. */

static bool
make_home(struct vt *vt)
{
    static const char *const subdirs[] = {"config", "state", "data", "cache"};
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || *tmp == '\0' ||
        snprintf(vt->home, sizeof vt->home, "%s/ndvr-vt-XXXXXX", tmp) >= (int)sizeof vt->home)
        snprintf(vt->home, sizeof vt->home, "/tmp/ndvr-vt-XXXXXX");
    if (mkdtemp(vt->home) == NULL) {
        vt->home[0] = '\0';
        return false;
    }
    for (size_t i = 0; i < sizeof subdirs / sizeof subdirs[0]; i++) {
        char path[sizeof vt->home + 16];
        snprintf(path, sizeof path, "%s/%s", vt->home, subdirs[i]);
        if (mkdir(path, 0700) != 0)
            return false;
    }
    return true;
}

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    remove(path);
    return 0;
}

static void
remove_home(struct vt *vt)
{
    if (vt->home[0] != '\0')
        nftw(vt->home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Starting the child. */

static void
write_ignored(int fd, const char *s)
{
    if (write(fd, s, strlen(s)) < 0)
        return;
}

/* Runs in the forked child: only async-signal-safe calls, since the test may have threads. */
static _Noreturn void
child_exec(const char *const argv[], char *const envp[])
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    /* The test runner's handlers, ignored signals and mask must not leak into the program. */
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    close_range(3, ~0U, 0);
    /* execve's prototype predates const; it does not write through argv. */
    execve(argv[0], (char *const *)argv, envp);
    write_ignored(2, "vt: cannot execute ");
    write_ignored(2, argv[0]);
    write_ignored(2, "\r\n");
    _exit(127);
}

static int
env_scale(void)
{
    const char *s = getenv("NDVR_VT_SCALE");
    int scale = s != NULL ? atoi(s) : 1;
    return scale >= 1 && scale <= 100 ? scale : 1;
}

static int
on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
    struct vt *vt = user;
    if (prop == VTERM_PROP_ALTSCREEN)
        vt->altscreen = val->boolean;
    return 1;
}

/* The emulator's replies are queued, not written here: writing may have to read, and reading
 * feeds the emulator, which must not be re-entered. */
static void
on_output(const char *s, size_t len, void *user)
{
    struct vt *vt = user;
    if (vt->nout + len > vt->outcap) {
        vt->outcap = (vt->nout + len) * 2;
        vt->out = xrealloc(vt->out, vt->outcap);
    }
    memcpy(vt->out + vt->nout, s, len);
    vt->nout += len;
}

static const VTermScreenCallbacks screen_callbacks = {.settermprop = on_settermprop};

static void
term_init(struct vt *vt)
{
    vt->term = vterm_new(vt->rows, vt->cols);
    vterm_set_utf8(vt->term, 1);
    vterm_output_set_callback(vt->term, on_output, vt);
    vt->screen = vterm_obtain_screen(vt->term);
    vterm_screen_enable_altscreen(vt->screen, 1);
    vterm_screen_set_callbacks(vt->screen, &screen_callbacks, vt);
    vterm_screen_reset(vt->screen, 1);
}

static void
free_live_vts(void)
{
    while (live_vts != NULL)
        vt_free(live_vts);
}

static void
register_vt(struct vt *vt)
{
    static bool registered;
    if (!registered)
        registered = atexit(free_live_vts) == 0;
    vt->next = live_vts;
    live_vts = vt;
}

static void
unregister_vt(struct vt *vt)
{
    for (struct vt **p = &live_vts; *p != NULL; p = &(*p)->next) {
        if (*p == vt) {
            *p = vt->next;
            return;
        }
    }
}

struct vt *
vt_spawn(int rows, int cols, const char *const argv[], const char *const extra_env[])
{
    if (rows < 1 || cols < 1 || rows > 1000 || cols > 1000)
        return NULL;
    struct vt *vt = calloc(1, sizeof *vt);
    if (vt == NULL)
        return NULL;
    vt->rows = rows;
    vt->cols = cols;
    vt->fd = vt->pidfd = -1;
    vt->scale = env_scale();
    vt->cursor_visible = true;
    if (!make_home(vt)) {
        remove_home(vt);
        free(vt);
        return NULL;
    }
    /* Built before the fork: the child may only make async-signal-safe calls. */
    char **envp = child_env(vt, extra_env);
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    fflush(NULL);
    vt->pid = forkpty(&vt->fd, NULL, NULL, &ws);
    if (vt->pid == 0)
        child_exec(argv, envp);
    env_free(envp);
    if (vt->pid < 0) {
        remove_home(vt);
        free(vt);
        return NULL;
    }
    fcntl(vt->fd, F_SETFD, FD_CLOEXEC);
    fcntl(vt->fd, F_SETFL, fcntl(vt->fd, F_GETFL) | O_NONBLOCK);
#ifdef SYS_pidfd_open
    vt->pidfd = (int)syscall(SYS_pidfd_open, vt->pid, 0);
#endif
    term_init(vt);
    register_vt(vt);
    return vt;
}

int
vt_rows(const struct vt *vt)
{
    return vt->rows;
}

int
vt_cols(const struct vt *vt)
{
    return vt->cols;
}

int
vt_pid(const struct vt *vt)
{
    return vt->pid;
}

const char *
vt_home(const struct vt *vt)
{
    return vt->home;
}

/* Moving bytes. */

/*
 * Follows cursor visibility (CSI ? ... 25 h/l, RIS) in the child's output. libvterm's own
 * property is not used: its DECRC, and so leaving the alternate screen with 1049l, restores the
 * visibility saved with DECSC, which xterm does not; a program that never shows its cursor again
 * would look restored.
 */
static void
track_cursor(struct vt *vt, const char *bytes, size_t n)
{
    enum { GROUND, ESC, CSI, PRIVATE };
    for (size_t i = 0; i < n; i++) {
        char b = bytes[i];
        if (b == '\033') {
            vt->esc_state = ESC;
        } else if (vt->esc_state == ESC) {
            if (b == 'c')
                vt->cursor_visible = true;
            vt->esc_state = b == '[' ? CSI : GROUND;
        } else if (vt->esc_state == CSI) {
            vt->esc_state = b == '?' ? PRIVATE : GROUND;
            vt->esc_param = 0;
            vt->esc_has25 = false;
        } else if (vt->esc_state == PRIVATE) {
            if (b >= '0' && b <= '9' && vt->esc_param < 100000) {
                vt->esc_param = vt->esc_param * 10 + (b - '0');
                continue;
            }
            vt->esc_has25 |= vt->esc_param == 25;
            vt->esc_param = 0;
            if (b == ';')
                continue;
            if ((b == 'h' || b == 'l') && vt->esc_has25)
                vt->cursor_visible = b == 'h';
            vt->esc_state = GROUND;
        }
    }
}

/* Converts in[0..n) with cd into out (of outsize bytes): malformed input becomes '?', one byte
 * at a time; an incomplete character at the end is left, its length in *rest. Returns the
 * bytes written to out. */
static size_t
recode(iconv_t cd, const char *in, size_t n, char *out, size_t outsize, size_t *rest)
{
    char *src = (char *)in, *dst = out;
    size_t left = n, room = outsize;
    while (left > 0 && room > 1) {
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
            break;
        if (errno == EINVAL || errno == E2BIG)
            break;
        *dst++ = '?';
        room--;
        src++;
        left--;
    }
    *rest = left;
    return (size_t)(dst - out);
}

/* Feeds the emulator what the child wrote, in UTF-8. */
static void
feed(struct vt *vt, const char *buf, size_t n)
{
    if (!vt->converting) {
        vterm_input_write(vt->term, buf, n);
        return;
    }
    while (n > 0) {
        char in[4096 + sizeof vt->partial], out[4 * sizeof in];
        size_t take = n < 4096 ? n : 4096, rest;
        memcpy(in, vt->partial, vt->npartial);
        memcpy(in + vt->npartial, buf, take);
        size_t len = vt->npartial + take;
        size_t m = recode(vt->from_child, in, len, out, sizeof out, &rest);
        vterm_input_write(vt->term, out, m);
        if (rest > sizeof vt->partial)
            rest = 0; /* cannot be a character's start: dropped */
        memcpy(vt->partial, in + len - rest, rest);
        vt->npartial = rest;
        buf += take;
        n -= take;
    }
}

/* Takes in what the child has written, without blocking. Returns the number of bytes, 0 if
 * nothing was waiting, -1 once every slave descriptor is closed (read gives EIO). */
static ssize_t
take_output(struct vt *vt)
{
    char buf[65536];
    while (!vt->eof) {
        ssize_t n = read(vt->fd, buf, sizeof buf);
        if (n > 0) {
            track_cursor(vt, buf, (size_t)n);
            feed(vt, buf, (size_t)n);
            if (vt->received + (size_t)n > vt->logcap) {
                vt->logcap = (vt->received + (size_t)n) * 2;
                vt->log = xrealloc(vt->log, vt->logcap);
            }
            memcpy(vt->log + vt->received, buf, (size_t)n);
            vt->received += (size_t)n;
            return n;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        vt->eof = true;
    }
    return -1;
}

static void
drain_output(struct vt *vt)
{
    while (take_output(vt) > 0)
        continue;
}

/* Writes the queued bytes. While the child doesn't read, its output is taken in, so neither
 * side can block the other; a child that never reads costs at most one timeout. */
static void
send_pending(struct vt *vt)
{
    if (vt->converting && vt->nout > 0) { /* keys and replies in the terminal's encoding */
        size_t size = vt->nout * 4, rest;
        char *out = malloc(size);
        if (out == NULL)
            abort();
        size_t m = recode(vt->to_child, vt->out, vt->nout, out, size, &rest);
        free(vt->out);
        vt->out = out;
        vt->nout = m;
        vt->outcap = size;
    }
    int64_t deadline = deadline_after(vt, 0);
    size_t done = 0;
    while (done < vt->nout && !vt->eof) {
        ssize_t n = write(vt->fd, vt->out + done, vt->nout - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN && remaining_ms(deadline) > 0) {
            struct pollfd p = {vt->fd, POLLIN | POLLOUT, 0};
            if (poll(&p, 1, remaining_ms(deadline)) > 0 && (p.revents & (POLLIN | POLLHUP)))
                take_output(vt);
            continue;
        }
        break;
    }
    vt->nout = 0;
}

/* Waits up to wait_ms for output and takes it in. Returns 1 if some came, 0 if none, -1 at the
 * end of output. */
static int
pump(struct vt *vt, int wait_ms)
{
    if (vt->eof)
        return -1;
    struct pollfd p = {vt->fd, POLLIN, 0};
    if (poll(&p, 1, wait_ms) <= 0)
        return 0;
    ssize_t n = take_output(vt);
    send_pending(vt);
    return n > 0 ? 1 : n == 0 ? 0 : -1;
}

static void
queue_bytes(struct vt *vt, const char *bytes, size_t n)
{
    on_output(bytes, n, vt);
}

void
vt_send(struct vt *vt, const char *bytes)
{
    queue_bytes(vt, bytes, strlen(bytes));
    send_pending(vt);
}

/* Waiting. */

bool
vt_wait_quiet(struct vt *vt, int quiet_ms, int timeout_ms)
{
    int64_t quiet = (int64_t)(quiet_ms > 0 ? quiet_ms : VT_QUIET_MS) * vt->scale;
    int64_t deadline = deadline_after(vt, timeout_ms);
    int64_t last = now_ms();
    for (;;) {
        int64_t t = now_ms();
        if (t - last >= quiet)
            return true;
        if (t >= deadline)
            return false;
        int64_t wait = last + quiet < deadline ? last + quiet - t : deadline - t;
        int r = pump(vt, (int)wait);
        if (r < 0)
            return false;
        if (r > 0)
            last = now_ms();
    }
}

bool
vt_wait_until(struct vt *vt, bool (*pred)(struct vt *, void *), void *arg, int timeout_ms)
{
    int64_t deadline = deadline_after(vt, timeout_ms);
    for (;;) {
        if (pred(vt, arg))
            return true;
        int left = remaining_ms(deadline);
        if (left == 0)
            return false;
        if (pump(vt, left) < 0)
            return pred(vt, arg);
    }
}

static bool
text_shown(struct vt *vt, void *utf8)
{
    return vt_find(vt, utf8, NULL, NULL);
}

static bool
text_gone(struct vt *vt, void *utf8)
{
    return !vt_find(vt, utf8, NULL, NULL);
}

bool
vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms)
{
    return vt_wait_until(vt, text_shown, (void *)(uintptr_t)utf8, timeout_ms);
}

bool
vt_wait_gone(struct vt *vt, const char *utf8, int timeout_ms)
{
    return vt_wait_until(vt, text_gone, (void *)(uintptr_t)utf8, timeout_ms);
}

/* Keys. */

struct named_key {
    const char *name;
    VTermKey key;
    VTermModifier mod;
};

static const struct named_key named_keys[] = {
    {"Enter", VTERM_KEY_ENTER, VTERM_MOD_NONE},
    {"Tab", VTERM_KEY_TAB, VTERM_MOD_NONE},
    {"BTab", VTERM_KEY_TAB, VTERM_MOD_SHIFT},
    {"Backspace", VTERM_KEY_BACKSPACE, VTERM_MOD_NONE},
    {"Escape", VTERM_KEY_ESCAPE, VTERM_MOD_NONE},
    {"Esc", VTERM_KEY_ESCAPE, VTERM_MOD_NONE},
    {"Up", VTERM_KEY_UP, VTERM_MOD_NONE},
    {"Down", VTERM_KEY_DOWN, VTERM_MOD_NONE},
    {"Left", VTERM_KEY_LEFT, VTERM_MOD_NONE},
    {"Right", VTERM_KEY_RIGHT, VTERM_MOD_NONE},
    {"PageUp", VTERM_KEY_PAGEUP, VTERM_MOD_NONE},
    {"PageDown", VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE},
    {"Home", VTERM_KEY_HOME, VTERM_MOD_NONE},
    {"End", VTERM_KEY_END, VTERM_MOD_NONE},
    {"Insert", VTERM_KEY_INS, VTERM_MOD_NONE},
    {"Delete", VTERM_KEY_DEL, VTERM_MOD_NONE},
};

static bool
lookup_key(const char *name, VTermKey *key, VTermModifier *mod)
{
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
        if (strcmp(name, named_keys[i].name) == 0) {
            *key = named_keys[i].key;
            *mod |= named_keys[i].mod;
            return true;
        }
    }
    char *end;
    if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
        long n = strtol(name + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 12) {
            *key = (VTermKey)VTERM_KEY_FUNCTION((int)n);
            return true;
        }
    }
    return false;
}

/* Decodes a string that is exactly one UTF-8 character. */
static bool
one_char(const char *s, uint32_t *c)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    if (u[0] == 0 || (u[0] >= 0x80 && u[0] < 0xC0) || strlen(s) != len)
        return false;
    *c = len == 1 ? u[0] : u[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return false;
        *c = *c << 6 | (u[i] & 0x3F);
    }
    return true;
}

/* The C0 code xterm sends for Ctrl and c: @A-Z[\\]^_ in either case, Space (NUL) and ? (DEL);
 * -1 for anything else. */
static int
ctrl_code(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        c -= 'a' - 'A';
    if (c == ' ')
        return 0;
    if (c == '?')
        return 0x7F;
    return c >= '@' && c <= '_' ? (int)(c - '@') : -1;
}

/* A character key as xterm sends it: Alt prefixes ESC; Shift is already in the character. */
static bool
send_char(struct vt *vt, uint32_t c, VTermModifier mod)
{
    char buf[8];
    size_t n = 0;
    if (mod & VTERM_MOD_ALT)
        buf[n++] = '\033';
    if (mod & VTERM_MOD_CTRL) {
        int code = ctrl_code(c);
        if (code < 0)
            return false;
        buf[n++] = (char)code;
    } else {
        n += utf8_put(buf + n, c);
    }
    queue_bytes(vt, buf, n);
    send_pending(vt);
    return true;
}

bool
vt_send_key(struct vt *vt, const char *name)
{
    VTermModifier mod = VTERM_MOD_NONE;
    for (;;) {
        if (name[0] == '\0' || name[1] != '-' || name[2] == '\0')
            break;
        if (name[0] == 'C')
            mod |= VTERM_MOD_CTRL;
        else if (name[0] == 'M')
            mod |= VTERM_MOD_ALT;
        else if (name[0] == 'S')
            mod |= VTERM_MOD_SHIFT;
        else
            break;
        name += 2;
    }
    VTermKey key;
    uint32_t c;
    if (lookup_key(name, &key, &mod)) {
        /* libvterm knows the modes the child set (DECCKM, keypad), as xterm would. */
        vterm_keyboard_key(vt->term, key, mod);
        send_pending(vt);
        return true;
    }
    if (strcmp(name, "Space") == 0)
        return send_char(vt, ' ', mod);
    return one_char(name, &c) && send_char(vt, c, mod);
}

void
vt_paste(struct vt *vt, const char *utf8)
{
    vterm_keyboard_start_paste(vt->term);
    queue_bytes(vt, utf8, strlen(utf8));
    vterm_keyboard_end_paste(vt->term);
    send_pending(vt);
}

void
vt_resize(struct vt *vt, int rows, int cols)
{
    if (rows < 1 || cols < 1 || rows > 1000 || cols > 1000)
        return;
    /* What the child drew for the old size must be read at the old size. */
    drain_output(vt);
    send_pending(vt);
    vterm_set_size(vt->term, rows, cols);
    vt->rows = rows;
    vt->cols = cols;
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    ioctl(vt->fd, TIOCSWINSZ, &ws);
}

/* Reading the screen. */

/* Out-of-range cells read as a blank with width 0. Returns false for them. */
static bool
get_cell(struct vt *vt, int row, int col, VTermScreenCell *cell)
{
    if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols) {
        memset(cell, 0, sizeof *cell);
        return false;
    }
    vterm_screen_get_cell(vt->screen, (VTermPos){.row = row, .col = col}, cell);
    return true;
}

static bool
is_right_half(const VTermScreenCell *cell)
{
    return cell->chars[0] == (uint32_t)-1;
}

/* A row as UTF-8 (room for cols * 24 + 1 bytes). colmap, if not NULL, gets the column of every
 * byte. Returns the length. */
static size_t
row_utf8(struct vt *vt, int row, bool trim, char *out, int *colmap)
{
    size_t n = 0, keep = 0;
    for (int col = 0; col < vt->cols; col++) {
        VTermScreenCell cell;
        get_cell(vt, row, col, &cell);
        if (is_right_half(&cell))
            continue;
        size_t start = n;
        if (cell.chars[0] == 0)
            out[n++] = ' ';
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] != 0; i++)
            n += utf8_put(out + n, cell.chars[i]);
        for (size_t i = start; colmap != NULL && i < n; i++)
            colmap[i] = col;
        if (!(n == start + 1 && out[start] == ' '))
            keep = n;
    }
    n = trim ? keep : n;
    out[n] = '\0';
    return n;
}

static char *
row_text(struct vt *vt, int row, bool trim)
{
    char *out = xmalloc((size_t)(vt->cols > 0 ? vt->cols : 0) * 24 + 1);
    row_utf8(vt, row, trim, out, NULL);
    return out;
}

char *
vt_row_text(struct vt *vt, int row)
{
    return row_text(vt, row, true);
}

char *
vt_row_text_full(struct vt *vt, int row)
{
    return row_text(vt, row, false);
}

bool
vt_find(struct vt *vt, const char *utf8, int *row, int *col)
{
    size_t cap = (size_t)vt->cols * 24 + 1;
    char *text = xmalloc(cap);
    int *colmap = xmalloc(cap * sizeof *colmap);
    bool found = false;
    for (int r = 0; r < vt->rows && !found; r++) {
        row_utf8(vt, r, false, text, colmap);
        const char *hit = strstr(text, utf8);
        if (hit == NULL)
            continue;
        found = true;
        if (row != NULL)
            *row = r;
        if (col != NULL)
            *col = *utf8 == '\0' ? 0 : colmap[hit - text];
    }
    free(colmap);
    free(text);
    return found;
}

char *
vt_dump(struct vt *vt)
{
    size_t cap = 128 + (size_t)vt->rows * ((size_t)vt->cols * 24 + 8);
    char *out = xmalloc(cap);
    size_t n = (size_t)snprintf(out, cap, "screen %dx%d, cursor %d,%d %s, %s screen\n", vt->rows,
                                vt->cols, vt_cursor_row(vt), vt_cursor_col(vt),
                                vt->cursor_visible ? "visible" : "hidden",
                                vt->altscreen ? "alternate" : "main");
    for (int r = 0; r < vt->rows; r++) {
        n += (size_t)snprintf(out + n, cap - n, "%2d|", r);
        n += row_utf8(vt, r, false, out + n, NULL);
        n += (size_t)snprintf(out + n, cap - n, "|\n");
    }
    return out;
}

int
vt_cell_width(struct vt *vt, int row, int col)
{
    VTermScreenCell cell;
    if (!get_cell(vt, row, col, &cell) || is_right_half(&cell))
        return 0;
    return cell.width;
}

uint32_t
vt_cell_char(struct vt *vt, int row, int col)
{
    VTermScreenCell cell;
    if (!get_cell(vt, row, col, &cell) || is_right_half(&cell))
        return 0;
    return cell.chars[0] == 0 ? ' ' : cell.chars[0];
}

bool
vt_cell_attr(struct vt *vt, int row, int col, enum vt_attr attr)
{
    VTermScreenCell cell;
    if (!get_cell(vt, row, col, &cell))
        return false;
    switch (attr) {
    case VT_BOLD:
        return cell.attrs.bold;
    case VT_UNDERLINE:
        return cell.attrs.underline != VTERM_UNDERLINE_OFF;
    case VT_ITALIC:
        return cell.attrs.italic;
    case VT_BLINK:
        return cell.attrs.blink;
    case VT_REVERSE:
        return cell.attrs.reverse;
    case VT_STRIKE:
        return cell.attrs.strike;
    }
    return false;
}

/* Colours as the program set them, before reverse video swaps them. */
static int
color_index(const VTermColor *c, bool fg)
{
    if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
        return VT_COLOR_DEFAULT;
    return VTERM_COLOR_IS_INDEXED(c) ? c->indexed.idx : VT_COLOR_RGB;
}

int
vt_cell_fg(struct vt *vt, int row, int col)
{
    VTermScreenCell cell;
    return get_cell(vt, row, col, &cell) ? color_index(&cell.fg, true) : VT_COLOR_DEFAULT;
}

int
vt_cell_bg(struct vt *vt, int row, int col)
{
    VTermScreenCell cell;
    return get_cell(vt, row, col, &cell) ? color_index(&cell.bg, false) : VT_COLOR_DEFAULT;
}

static VTermPos
cursor_pos(struct vt *vt)
{
    VTermPos pos;
    vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
    return pos;
}

int
vt_cursor_row(struct vt *vt)
{
    return cursor_pos(vt).row;
}

int
vt_cursor_col(struct vt *vt)
{
    return cursor_pos(vt).col;
}

bool
vt_cursor_visible(const struct vt *vt)
{
    return vt->cursor_visible;
}

bool
vt_altscreen(const struct vt *vt)
{
    return vt->altscreen;
}

/* Invariants. */

/* The width the emulator gives c on its own. A screen cell only tells how c was placed: a wide
 * character whose right half was overwritten reads back as width 1. */
static int
natural_width(struct vt *vt, uint32_t c)
{
    if (c < 0x80)
        return 1;
    if (vt->probe == NULL) {
        vt->probe = vterm_new(1, 4);
        vterm_set_utf8(vt->probe, 1);
        vterm_screen_reset(vterm_obtain_screen(vt->probe), 1);
    }
    char buf[16] = "\033[H\033[2K";
    size_t n = strlen(buf);
    n += utf8_put(buf + n, c);
    vterm_input_write(vt->probe, buf, n);
    VTermScreenCell cell;
    vterm_screen_get_cell(vterm_obtain_screen(vt->probe), (VTermPos){.row = 0, .col = 0}, &cell);
    return cell.chars[0] == c ? cell.width : 0;
}

static void
row_msg(struct vt *vt, int row, int col, const char *what, char *msg, size_t msgsize)
{
    char *text = vt_row_text(vt, row);
    set_msg(msg, msgsize, "row %d col %d: %s in |%s|", row, col, what, text);
    free(text);
}

static bool
check_row(struct vt *vt, int row, char *msg, size_t msgsize)
{
    char what[96];
    int col = 0;
    while (col < vt->cols) {
        VTermScreenCell cell;
        get_cell(vt, row, col, &cell);
        if (is_right_half(&cell)) {
            row_msg(vt, row, col, "right half of a wide character without its left", msg, msgsize);
            return false;
        }
        int want = natural_width(vt, cell.chars[0]);
        if (want != 0 && cell.width != want) {
            snprintf(what, sizeof what, "U+%04X has width %d but occupies %d cell(s)",
                     (unsigned)cell.chars[0], want, cell.width);
            row_msg(vt, row, col, what, msg, msgsize);
            return false;
        }
        if (col + cell.width > vt->cols) {
            row_msg(vt, row, col, "wide character straddles the right edge", msg, msgsize);
            return false;
        }
        col += cell.width;
    }
    return true;
}

bool
vt_check_row_widths(struct vt *vt, char *msg, size_t msgsize)
{
    for (int row = 0; row < vt->rows; row++)
        if (!check_row(vt, row, msg, msgsize))
            return false;
    return true;
}

/* | or a box-drawing character with a vertical stroke (junctions and corners included). */
static bool
is_vertical_border(uint32_t c)
{
    static const uint32_t no_vertical[] = {0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509,
                                           0x254C, 0x254D, 0x2550, 0x2571, 0x2572, 0x2573,
                                           0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E};
    if (c == '|')
        return true;
    if (c < 0x2500 || c > 0x257F)
        return false;
    for (size_t i = 0; i < sizeof no_vertical / sizeof no_vertical[0]; i++)
        if (c == no_vertical[i])
            return false;
    return true;
}

bool
vt_check_column_is_border(struct vt *vt, int col, int top, int bottom, char *msg, size_t msgsize)
{
    if (col < 0 || col >= vt->cols || top < 0 || bottom >= vt->rows || top > bottom) {
        set_msg(msg, msgsize, "column %d rows %d..%d is not on a %dx%d screen", col, top, bottom,
                vt->rows, vt->cols);
        return false;
    }
    char what[96];
    for (int row = top; row <= bottom; row++) {
        VTermScreenCell cell;
        get_cell(vt, row, col, &cell);
        if (is_right_half(&cell)) {
            row_msg(vt, row, col, "a wide character covers the border", msg, msgsize);
            return false;
        }
        if (!is_vertical_border(cell.chars[0]) || cell.width != 1) {
            snprintf(what, sizeof what, "U+%04X is not a border glyph", (unsigned)cell.chars[0]);
            row_msg(vt, row, col, what, msg, msgsize);
            return false;
        }
    }
    return true;
}

/* Ending. */

static bool
reap(struct vt *vt, int flags)
{
    if (vt->exited)
        return true;
    int ws;
    pid_t r;
    do
        r = waitpid(vt->pid, &ws, flags);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return false;
    vt->exited = true;
    if (r < 0)
        vt->status = VT_EXIT_LOST;
    else if (WIFEXITED(ws))
        vt->status = WEXITSTATUS(ws);
    else if (WIFSIGNALED(ws))
        vt->status = 128 + WTERMSIG(ws);
    else
        vt->status = VT_EXIT_LOST;
    return true;
}

int
vt_wait_exit(struct vt *vt, int timeout_ms)
{
    int64_t deadline = deadline_after(vt, timeout_ms);
    while (!reap(vt, WNOHANG)) {
        int left = remaining_ms(deadline);
        if (left == 0)
            return VT_EXIT_TIMEOUT;
        /* Without a pidfd nothing wakes us at the exit itself: look again every 10 ms. */
        if (vt->pidfd < 0 && left > 10)
            left = 10;
        struct pollfd p[2] = {{vt->eof ? -1 : vt->fd, POLLIN, 0}, {vt->pidfd, POLLIN, 0}};
        /* Keep reading: a child blocked writing to a full pty would never exit. */
        if (poll(p, 2, left) > 0 && p[0].revents != 0) {
            take_output(vt);
            send_pending(vt);
        }
    }
    drain_output(vt);
    vt->nout = 0;
    return vt->status;
}

static void
kill_child(struct vt *vt)
{
    if (vt->exited)
        return;
    /* forkpty made the child a session and group leader: take whatever it started, too. */
    kill(-vt->pid, SIGKILL);
    kill(vt->pid, SIGKILL);
    reap(vt, 0);
    drain_output(vt);
}

static int
finish(struct vt *vt, int timeout_ms)
{
    int status = vt_wait_exit(vt, timeout_ms);
    if (status == VT_EXIT_TIMEOUT)
        kill_child(vt);
    return status;
}

int
vt_quit(struct vt *vt, const char *keys, int timeout_ms)
{
    if (keys != NULL && !vt->exited)
        vt_send(vt, keys);
    return finish(vt, timeout_ms);
}

int
vt_signal(struct vt *vt, int sig, int timeout_ms)
{
    if (!vt->exited)
        kill(vt->pid, sig);
    return finish(vt, timeout_ms);
}

int
vt_exit_status(const struct vt *vt)
{
    return vt->exited ? vt->status : VT_EXIT_TIMEOUT;
}

bool
vt_terminal_restored(struct vt *vt, char *msg, size_t msgsize)
{
    struct termios tio;
    if (!vt->exited) {
        set_msg(msg, msgsize, "the child is still running");
        return false;
    }
    if (vt->altscreen) {
        set_msg(msg, msgsize, "still on the alternate screen");
        return false;
    }
    if (!vt->cursor_visible) {
        set_msg(msg, msgsize, "the cursor is still hidden");
        return false;
    }
    /* On the master side tcgetattr reports the slave's settings, which outlive the child. */
    if (tcgetattr(vt->fd, &tio) != 0) {
        set_msg(msg, msgsize, "tcgetattr: %s", strerror(errno));
        return false;
    }
    if ((tio.c_lflag & (ICANON | ECHO)) != (ICANON | ECHO)) {
        set_msg(msg, msgsize, "the pty is left with%s%s", tio.c_lflag & ICANON ? "" : " -icanon",
                tio.c_lflag & ECHO ? "" : " -echo");
        return false;
    }
    return true;
}

void
vt_free(struct vt *vt)
{
    if (vt == NULL)
        return;
    unregister_vt(vt);
    kill_child(vt);
    close(vt->fd);
    if (vt->pidfd >= 0)
        close(vt->pidfd);
    vterm_free(vt->term);
    if (vt->probe != NULL)
        vterm_free(vt->probe);
    remove_home(vt);
    if (vt->converting) {
        iconv_close(vt->from_child);
        iconv_close(vt->to_child);
    }
    free(vt->out);
    free(vt->log);
    free(vt);
}

bool
vt_set_charset(struct vt *vt, const char *codeset)
{
    iconv_t from = iconv_open("UTF-8", codeset), to = iconv_open(codeset, "UTF-8");
    if (from == (iconv_t)-1 || to == (iconv_t)-1) {
        if (from != (iconv_t)-1)
            iconv_close(from);
        if (to != (iconv_t)-1)
            iconv_close(to);
        return false;
    }
    vt->from_child = from;
    vt->to_child = to;
    vt->converting = true;
    return true;
}

size_t
vt_count_since(const struct vt *vt, size_t from, const char *bytes)
{
    size_t n = 0, len = strlen(bytes);
    for (size_t at = from; len > 0 && at + len <= vt->received; at++)
        if (memcmp(vt->log + at, bytes, len) == 0)
            n++;
    return n;
}

size_t
vt_bytes_received(const struct vt *vt)
{
    return vt->received;
}
