package io.virtforge.value;

import java.util.UUID;

/**
 * UUIDs in the one text form libvirt and the kernel write, 8-4-4-4-12 hexadecimal digits, which is stricter than
 * {@link UUID#fromString} (that also takes shorter groups, so "1-2-3-4-5" would be a UUID).
 */
public final class Uuids {
    private static final String KIND = "UUID";

    private Uuids() {
    }

    /** Whether the text is a UUID in the 8-4-4-4-12 hexadecimal form, either case. */
    public static boolean isCanonical(CharSequence text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The UUID of a text in the 8-4-4-4-12 hexadecimal form.
     *
     * @throws ValueFormatException for any other text
     */
    public static UUID parse(String text) {
        if (!isCanonical(text)) {
            throw new ValueFormatException(KIND, text, -1, "expected 8-4-4-4-12 hexadecimal digits");
        }
        return UUID.fromString(text);
    }
}
