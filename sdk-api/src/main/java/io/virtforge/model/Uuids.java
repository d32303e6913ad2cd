package io.virtforge.model;

import io.virtforge.value.ValueFormatException;
import java.util.UUID;

/** Parses UUIDs as libvirt does: 32 hex digits, dashes allowed between them, spaces around. */
final class Uuids {
    private Uuids() {
    }

    static UUID parse(String text) {
        String s = text.trim();
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && digits > 0 && digits < 32) {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || digits == 32) {
                throw new ValueFormatException("UUID", text, i, "expected 32 hex digits");
            }
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        if (digits != 32) {
            throw new ValueFormatException("UUID", text, -1, "expected 32 hex digits, found " + digits);
        }
        return new UUID(hi, lo);
    }
}
