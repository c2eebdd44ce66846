#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry point, one per target. */
int    LLVMFuzzerTestOneInput  (const uint8_t *data,
                                size_t         size);

/* A file of this process's own temp folder named @name holding @data, for
 * loaders that read files: its path, the same for every call. */
const char  *fuzz_write_file   (const char    *name,
                                const uint8_t *data,
                                size_t         size);

G_END_DECLS
