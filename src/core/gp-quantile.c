/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Medians and quantiles: the image measures use them where a mean would
 * follow a few odd pixels (glare, hair, a shadow). */
#include "config.h"

#include <math.h>

#include "core/gp-quantile.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
gp_quantile (GArray *values,
             double  share)
{
  guint index;

  g_return_val_if_fail (values != NULL, NAN);
  g_return_val_if_fail (share >= 0.0 && share <= 1.0, NAN);

  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  index = MIN ((guint) (values->len * share), values->len - 1);
  return g_array_index (values, double, index);
}
