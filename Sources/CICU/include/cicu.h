#ifndef GONGKAI_CICU_H
#define GONGKAI_CICU_H

// A narrow window onto ICU. This header deliberately exposes no ICU types: Foundation on Linux
// ships its own copy of ICU's C names, so a Swift module that imports both would not compile.
// Text crosses the boundary as plain UTF-16 buffers.

#include <stdint.h>

/// Applies Unicode NFKC with case folding (ICU's "nfkc_cf") to `src`.
/// Returns the length of the result. When it exceeds `capacity` nothing useful is written and
/// the caller retries with a buffer of the returned length. Returns -1 on an ICU failure.
int32_t gk_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/// Returns the length of the longest prefix of `src` that is already in NFKC-casefold form
/// (a quick check; the rest may or may not be normalized). Returns -1 on an ICU failure.
int32_t gk_nfkc_casefold_normalized_prefix(const uint16_t *src, int32_t length);

/// Returns 1 when normalization never interacts across a boundary before code point `c`.
int32_t gk_nfkc_casefold_boundary_before(uint32_t c);

/// Fills `table` (65536 entries, indexed by BMP code unit) with ICU's "Traditional-Simplified"
/// mapping of each CJK ideograph that maps to exactly one other BMP ideograph; every other
/// entry maps to itself. Returns the number of changed entries, or -1 on an ICU failure.
int32_t gk_fill_simplified_table(uint16_t *table);

/// The changed entries of that table, computed once (scripts/generate-simplified-pairs.sh) so
/// that no process pays for the transliterator: `traditional << 16 | simplified`, in order.
/// Sets `count` to their number.
const uint32_t *gk_simplified_pairs(int32_t *count);

#endif
