/* `ndvr print --to FILE` replaces FILE only once the whole printout is written (issue 10;
 * ../shared/notes/review/crashers/print-to-diskfull.sh): a full disk, a file size limit or a
 * directory it cannot write in leave the old FILE as it was and no temporary file behind;
 * the new file keeps the old one's mode; devices, FIFOs and symbolic links are written
 * through, never replaced. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/textfile.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define CORPUS NDVR_SOURCE_DIR "/assets/corpus"
#define OLD "previous printout\n"

static char dir[64];

static void
make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ndvr-print-file-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void
remove_dir(void)
{
    char fs[128], cmd[160];
    snprintf(fs, sizeof fs, "%s/fs", dir);
    umount2(fs, MNT_DETACH); /* the full-disk test's tmpfs, if it was mounted */
    chmod(dir, 0700);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
}

TestSuite(print_file, .init = make_dir, .fini = remove_dir);

/* A skipped test's .fini does not run: the directory goes first. */
#define skip_test(...)                                                                             \
    do {                                                                                           \
        remove_dir();                                                                              \
        cr_skip_test(__VA_ARGS__);                                                                 \
    } while (0)

static struct run
print_to(const char *file, const char *address)
{
    const char *args[] = {"--corpus", CORPUS, "print", "--to", file, address, NULL};
    return run_program(NDVR, args, NULL);
}

static void
write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static char *
read_text(const char *path)
{
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    return text;
}

static void
expect_text(const char *path, const char *want)
{
    char *got = read_text(path);
    cr_expect_str_eq(got, want, "%s", path);
    free(got);
}

/* No temporary file left in d: only the names listed (NULL-terminated) are there. */
static void
expect_only(const char *d, const char *const *names)
{
    DIR *dp = opendir(d);
    cr_assert_not_null(dp, "%s", d);
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        bool known = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
        for (size_t i = 0; names[i] != NULL; i++)
            known = known || strcmp(e->d_name, names[i]) == 0;
        cr_expect(known, "%s/%s was left behind", d, e->d_name);
    }
    closedir(dp);
}

#define EXPECT_ONLY(d, ...) expect_only(d, (const char *const[]){__VA_ARGS__, NULL})

/* The printout failed with `cannot write FILE: why`, and FILE still holds OLD. */
static void
expect_failed_and_kept(struct run *r, const char *file, const char *why)
{
    char want[256];
    snprintf(want, sizeof want, "ndvr print: cannot write %s: %s\n", file, why);
    cr_expect_eq(r->status, 2, "%s", r->err);
    cr_expect_str_eq(r->err, want);
    run_free(r);
    expect_text(file, OLD);
}

/* Fills the file system of path until a write fails. */
static void
fill(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    static const char block[1024];
    while (write(fd, block, sizeof block) > 0)
        ;
    close(fd);
}

/* The crasher itself: a 16 KiB tmpfs, full. */
Test(print_file, a_full_disk_keeps_the_old_file)
{
    char fs[128], file[160], filler[160];
    snprintf(fs, sizeof fs, "%s/fs", dir);
    cr_assert_eq(mkdir(fs, 0700), 0);
    if (mount("tmpfs", fs, "tmpfs", 0, "size=16k") != 0)
        skip_test("cannot mount a tmpfs here (%s): the size-limit test covers it", strerror(errno));
    snprintf(file, sizeof file, "%s/report.txt", fs);
    snprintf(filler, sizeof filler, "%s/fill", fs);
    write_text(file, OLD);
    fill(filler);
    struct run r = print_to(file, "A/74/90");
    expect_failed_and_kept(&r, file, "No space left on device");
    EXPECT_ONLY(fs, "report.txt", "fill");
}

/* The same failure without root: writes past RLIMIT_FSIZE fail with EFBIG (SIGXFSZ ignored,
 * which exec keeps), after the first 4 KiB, as on the full disk. */
Test(print_file, a_file_size_limit_keeps_the_old_file)
{
    char file[128];
    snprintf(file, sizeof file, "%s/report.txt", dir);
    write_text(file, OLD);
    struct rlimit old;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    struct rlimit small = {4096, old.rlim_max};
    signal(SIGXFSZ, SIG_IGN);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    struct run r = print_to(file, "A/74/90");
    setrlimit(RLIMIT_FSIZE, &old);
    expect_failed_and_kept(&r, file, "File too large");
    EXPECT_ONLY(dir, "report.txt");
}

/* The temporary file cannot be made beside FILE: FILE is not written in place either. */
Test(print_file, a_read_only_directory_keeps_the_old_file)
{
    if (geteuid() == 0)
        skip_test("root writes a mode 555 directory (the size-limit test covers it)");
    char file[128];
    snprintf(file, sizeof file, "%s/report.txt", dir);
    write_text(file, OLD);
    cr_assert_eq(chmod(dir, 0555), 0);
    struct run r = print_to(file, "A/74/90#p10");
    chmod(dir, 0700);
    expect_failed_and_kept(&r, file, "Permission denied");
    EXPECT_ONLY(dir, "report.txt");
}

/* What `--to -` prints: what the file must hold. */
static char *
printout(const char *address)
{
    struct run r = print_to("-", address);
    cr_assert_eq(r.status, 0, "%s", r.err);
    free(r.err);
    return r.out;
}

Test(print_file, replaced_with_its_mode_and_nothing_left_behind)
{
    char old[128], made[128];
    snprintf(old, sizeof old, "%s/old.txt", dir);
    snprintf(made, sizeof made, "%s/new.txt", dir);
    write_text(old, OLD);
    cr_assert_eq(chmod(old, 0604), 0);
    umask(027); /* ndvr inherits it */
    char *want = printout("A/74/90#p10");
    struct run r = print_to(old, "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    r = print_to(made, "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    struct stat st;
    cr_assert_eq(stat(old, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0604, "the old file's mode: %o", st.st_mode & 0777);
    cr_assert_eq(stat(made, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0640, "0666 & ~umask: %o", st.st_mode & 0777);
    expect_text(old, want);
    expect_text(made, want);
    EXPECT_ONLY(dir, "old.txt", "new.txt");
    free(want);
}

/* A rename would put a regular file where the link or the FIFO was. */
Test(print_file, links_and_fifos_are_written_through)
{
    char target[128], link[128], fifo[128];
    snprintf(target, sizeof target, "%s/target.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    write_text(target, OLD);
    cr_assert_eq(symlink("target.txt", link), 0);
    char *want = printout("A/74/90#p10");
    struct run r = print_to(link, "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    struct stat st;
    cr_expect(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link was replaced");
    expect_text(target, want);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    int rd = open(fifo, O_RDWR | O_NONBLOCK); /* a reader, so that ndvr's open does not wait */
    cr_assert_geq(rd, 0);
    r = print_to(fifo, "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    char buf[8192];
    ssize_t n = read(rd, buf, sizeof buf - 1);
    close(rd);
    cr_assert_gt(n, 0);
    buf[n] = '\0';
    cr_expect_str_eq(buf, want);
    cr_expect(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode), "the FIFO was replaced");
    EXPECT_ONLY(dir, "target.txt", "link.txt", "fifo");
    free(want);
}
