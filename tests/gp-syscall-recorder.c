/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* An LD_PRELOAD library for the durability test: appends each write,
 * fsync, fdatasync, rename and mkdir the process makes, in call order, to
 * the file $GP_SYSCALL_LOG, one line each (see gp-test-sync-order.c).
 * Files are named by device:inode, which a rename does not change; the
 * calls themselves go on to the next library untouched. */
#define _GNU_SOURCE
/* Both pwrite and pwrite64 are wrapped: the build's 64-bit file offsets
 * would make the first an alias of the second. */
#undef _FILE_OFFSET_BITS

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int log_fd = -1;

static ssize_t (*real_write) (int, const void *, size_t);
static ssize_t (*real_pwrite) (int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64) (int, const void *, size_t, off64_t);
static ssize_t (*real_writev) (int, const struct iovec *, int);
static int (*real_fsync) (int);
static int (*real_fdatasync) (int);
static int (*real_rename) (const char *, const char *);
static int (*real_renameat) (int, const char *, int, const char *);
static int (*real_renameat2) (int, const char *, int, const char *, unsigned int);
static int (*real_mkdir) (const char *, mode_t);

/* Looked up on first use: calls can come before our constructor ran. */
static void *
resolve (void       **slot,
         const char  *name)
{
  if (*slot == NULL)
    *slot = dlsym (RTLD_NEXT, name);
  return *slot;
}

#define REAL(name) ((__typeof__ (real_##name)) resolve ((void **) &real_##name, #name))

__attribute__((constructor)) static void
recorder_init (void)
{
  const char *path = getenv ("GP_SYSCALL_LOG");

  if (path != NULL && path[0] != '\0')
    log_fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

__attribute__((format (printf, 1, 2))) static void
emit (const char *format,
      ...)
{
  char line[3 * PATH_MAX];
  int saved = errno;
  va_list ap;
  int n;

  va_start (ap, format);
  n = vsnprintf (line, sizeof line, format, ap);
  va_end (ap);
  /* One write per line: O_APPEND keeps threads' lines whole. */
  if (n > 0 && (size_t) n < sizeof line)
    REAL (write) (log_fd, line, (size_t) n);
  errno = saved;
}

static void
format_id (const struct stat *st,
           char              *id,
           size_t             size)
{
  snprintf (id, size, "%lu:%lu", (unsigned long) st->st_dev, (unsigned long) st->st_ino);
}

/* Logs KIND for an open file; only regular files and folders matter. */
static void
log_fd_event (const char *kind,
              int         fd)
{
  char link[64], path[PATH_MAX], id[64];
  struct stat st;
  ssize_t n;

  if (log_fd < 0 || fd == log_fd || fstat (fd, &st) != 0
      || !(S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)))
    return;
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, sizeof path - 1);
  path[n > 0 ? n : 0] = '\0';
  format_id (&st, id, sizeof id);
  emit ("%s\t%s\t%s\n", kind, id, path);
}

/* @path as an absolute name, @dirfd's folder prepended when relative. */
static void
absolute_path (int         dirfd,
               const char *path,
               char       *out,
               size_t      size)
{
  char link[64], dir[PATH_MAX];
  ssize_t n;

  if (path[0] == '/')
    {
      snprintf (out, size, "%s", path);
      return;
    }
  if (dirfd == AT_FDCWD)
    {
      if (getcwd (dir, sizeof dir) == NULL)
        dir[0] = '\0';
    }
  else
    {
      snprintf (link, sizeof link, "/proc/self/fd/%d", dirfd);
      n = readlink (link, dir, sizeof dir - 1);
      dir[n > 0 ? n : 0] = '\0';
    }
  snprintf (out, size, "%s/%s", dir, path);
}

/* The identity of the folder @path is in. */
static void
parent_id (const char *path,
           char       *id,
           size_t      size)
{
  char parent[PATH_MAX];
  char *slash;
  struct stat st;

  snprintf (parent, sizeof parent, "%s", path);
  slash = strrchr (parent, '/');
  if (slash == parent)
    slash[1] = '\0';
  else if (slash != NULL)
    *slash = '\0';
  if (stat (parent, &st) == 0)
    format_id (&st, id, size);
  else
    snprintf (id, size, "?");
}

/* Each wrapper calls the next library's function, then logs the call on
 * the file descriptor fd when it succeeded. */
#define WRAP_FD_CALL(type, name, kind, succeeded, params, args) \
  type name params                                             \
  {                                                            \
    type r = REAL (name) args;                                 \
                                                               \
    if (succeeded)                                             \
      log_fd_event (kind, fd);                                 \
    return r;                                                  \
  }

WRAP_FD_CALL (ssize_t, write, "write", r > 0,
              (int fd, const void *buf, size_t count), (fd, buf, count))
WRAP_FD_CALL (ssize_t, pwrite, "write", r > 0,
              (int fd, const void *buf, size_t count, off_t offset), (fd, buf, count, offset))
WRAP_FD_CALL (ssize_t, pwrite64, "write", r > 0,
              (int fd, const void *buf, size_t count, off64_t offset), (fd, buf, count, offset))
WRAP_FD_CALL (ssize_t, writev, "write", r > 0,
              (int fd, const struct iovec *iov, int iovcnt), (fd, iov, iovcnt))
WRAP_FD_CALL (int, fsync, "sync", r == 0, (int fd), (fd))
WRAP_FD_CALL (int, fdatasync, "sync", r == 0, (int fd), (fd))

static void
log_rename (int         olddirfd,
            const char *oldpath,
            int         newdirfd,
            const char *newpath,
            int         result,
            const char *id)
{
  char old_abs[PATH_MAX], new_abs[PATH_MAX], dir_id[64];

  if (result != 0 || log_fd < 0)
    return;
  absolute_path (olddirfd, oldpath, old_abs, sizeof old_abs);
  absolute_path (newdirfd, newpath, new_abs, sizeof new_abs);
  parent_id (new_abs, dir_id, sizeof dir_id);
  emit ("rename\t%s\t%s\t%s\t%s\n", id, dir_id, old_abs, new_abs);
}

static void
lstat_id (int         dirfd,
          const char *path,
          char       *id,
          size_t      size)
{
  struct stat st;
  int saved = errno;

  if (fstatat (dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
    format_id (&st, id, size);
  else
    snprintf (id, size, "?");
  errno = saved;
}

/* The file's identity is taken before it moves. */
#define WRAP_RENAME(name, params, olddirfd, oldpath, newdirfd, newpath, args) \
  int name params                                                               \
  {                                                                             \
    char id[64];                                                                \
    int r;                                                                      \
                                                                                \
    lstat_id (olddirfd, oldpath, id, sizeof id);                                \
    r = REAL (name) args;                                                       \
    log_rename (olddirfd, oldpath, newdirfd, newpath, r, id);                   \
    return r;                                                                   \
  }

WRAP_RENAME (rename, (const char *oldpath, const char *newpath),
             AT_FDCWD, oldpath, AT_FDCWD, newpath, (oldpath, newpath))
WRAP_RENAME (renameat, (int olddirfd, const char *oldpath, int newdirfd, const char *newpath),
             olddirfd, oldpath, newdirfd, newpath, (olddirfd, oldpath, newdirfd, newpath))
WRAP_RENAME (renameat2,
             (int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags),
             olddirfd, oldpath, newdirfd, newpath, (olddirfd, oldpath, newdirfd, newpath, flags))

int
mkdir (const char *path,
       mode_t      mode)
{
  char abs[PATH_MAX], id[64], dir_id[64];
  int r = REAL (mkdir) (path, mode);

  if (r == 0 && log_fd >= 0)
    {
      absolute_path (AT_FDCWD, path, abs, sizeof abs);
      lstat_id (AT_FDCWD, abs, id, sizeof id);
      parent_id (abs, dir_id, sizeof dir_id);
      emit ("mkdir\t%s\t%s\t%s\n", id, dir_id, abs);
    }
  return r;
}
