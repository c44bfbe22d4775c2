/* Running a program from a test. */
#include "run.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/strbuf.h"

static char *
slurp_fd(int fd, size_t *len)
{
    struct strbuf sb = STRBUF_INIT;
    char buf[4096];
    ssize_t n;
    lseek(fd, 0, SEEK_SET);
    while ((n = read(fd, buf, sizeof buf)) > 0)
        sb_append(&sb, buf, (size_t)n);
    close(fd);
    *len = sb.len;
    return sb_detach(&sb);
}

/* An unlinked temporary file: the child writes, the parent reads back from the start. */
static int
temp_fd(void)
{
    char name[] = "/tmp/ndvr-test-run-XXXXXX";
    int fd = mkstemp(name);
    cr_assert_geq(fd, 0);
    unlink(name);
    return fd;
}

static void
apply_env(const char *const *env)
{
    for (size_t i = 0; env != NULL && env[i] != NULL; i++) {
        const char *eq = strchr(env[i], '=');
        if (eq == NULL)
            continue;
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(eq - env[i]), env[i]);
        if (eq[1] == '\0')
            unsetenv(name);
        else
            setenv(name, eq + 1, 1);
    }
}

struct run
run_program(const char *path, const char *const *args, const char *const *env)
{
    const char *argv[64] = {path};
    size_t n = 1;
    for (; args != NULL && args[n - 1] != NULL && n < 63; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    int out = temp_fd(), err = temp_fd();
    fflush(NULL);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        dup2(out, 1);
        dup2(err, 2);
        apply_env(env);
        execv(path, (char *const *)argv);
        _exit(127);
    }
    int ws;
    cr_assert_eq(waitpid(pid, &ws, 0), pid);
    struct run r = {.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1};
    r.out = slurp_fd(out, &r.nout);
    r.err = slurp_fd(err, &r.nerr);
    return r;
}

void
run_free(struct run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}
