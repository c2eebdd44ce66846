/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The crash test's child: saves captures one after another with the core
 * save function and prints each id once the function has returned. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/gp-capture-save.h"
#include "store/gp-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autofree char *db = NULL;
  g_autofree char *photos = NULL;
  guint8 data[16384];
  int i, n;

  if (argc != 4)
    {
      fprintf (stderr, "usage: gp-crash-capture DATA-DIR STUDENT-NO COUNT\n");
      return 2;
    }
  db = g_build_filename (argv[1], "station.db", NULL);
  photos = g_build_filename (argv[1], "photos", NULL);
  n = atoi (argv[3]);
  store = gp_store_open (db, &error);
  if (store != NULL)
    student = gp_store_find_student_by_no (store, argv[2], &error);
  if (student == NULL)
    {
      fprintf (stderr, "gp-crash-capture: %s\n", error != NULL ? error->message : "no such student");
      return 1;
    }
  for (i = 0; i < n; i++)
    {
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) photo = NULL;
      GpCaptureRequest request = { student->id, student->student_no, NULL, NULL, NULL, "crash", NULL };
      gint64 id;
      gsize k;

      for (k = 0; k < sizeof data; k++)
        data[k] = (guint8) g_random_int ();
      original = g_bytes_new (data, sizeof data);
      photo = g_bytes_new (data, sizeof data / 2);
      request.original = original;
      request.photo = photo;
      id = gp_capture_save (store, photos, &request, NULL, &error);
      if (id < 0)
        {
          fprintf (stderr, "gp-crash-capture: %s\n", error->message);
          return 1;
        }
      printf ("%lld\n", (long long) id);
      fflush (stdout);
    }
  return 0;
}
