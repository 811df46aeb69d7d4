#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

static const UNormalizer2 *nfkc_cf(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&status);
    return U_FAILURE(status) ? NULL : n;
}

int32_t gk_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
    const UNormalizer2 *n = nfkc_cf();
    if (n == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dest, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return written;
    return U_FAILURE(status) ? -1 : written;
}

int32_t gk_nfkc_casefold_normalized_prefix(const uint16_t *src, int32_t length) {
    const UNormalizer2 *n = nfkc_cf();
    if (n == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t span = unorm2_spanQuickCheckYes(n, (const UChar *)src, length, &status);
    return U_FAILURE(status) ? -1 : span;
}

int32_t gk_nfkc_casefold_boundary_before(uint32_t c) {
    const UNormalizer2 *n = nfkc_cf();
    if (n == NULL) return 1;
    return unorm2_hasBoundaryBefore(n, (UChar32)c) ? 1 : 0;
}

// The ranges of BMP ideographs the table covers: Extension A and the Unified Ideographs block.
static const uint32_t ranges[][2] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}};

int32_t gk_fill_simplified_table(uint16_t *table) {
    for (uint32_t i = 0; i < 65536; i++) table[i] = (uint16_t)i;

    UErrorCode status = U_ZERO_ERROR;
    UChar id[] = u"Traditional-Simplified";
    UTransliterator *trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) return -1;

    // Every ideograph followed by a newline, transliterated in one call: the newline keeps
    // any context-sensitive rule from reaching across characters, so each line maps alone.
    int32_t count = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) count += (int32_t)(ranges[r][1] - ranges[r][0] + 1);
    int32_t capacity = count * 8;
    UChar *buffer = malloc(sizeof(UChar) * (size_t)capacity);
    if (buffer == NULL) { utrans_close(trans); return -1; }
    int32_t length = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
            buffer[length++] = (UChar)c;
            buffer[length++] = u'\n';
        }
    }
    int32_t limit = length;
    utrans_transUChars(trans, buffer, &length, capacity, 0, &limit, &status);
    utrans_close(trans);
    if (U_FAILURE(status)) { free(buffer); return -1; }

    int32_t changed = 0, line = 0;
    int32_t lineStart = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++, line++) {
            int32_t end = lineStart;
            while (end < length && buffer[end] != u'\n') end++;
            // Only single-unit, non-surrogate results replace the character.
            if (end - lineStart == 1 && (buffer[lineStart] & 0xF800) != 0xD800 && buffer[lineStart] != (UChar)c) {
                table[c] = buffer[lineStart];
                changed++;
            }
            lineStart = end + 1;
        }
    }
    free(buffer);
    return changed;
}
