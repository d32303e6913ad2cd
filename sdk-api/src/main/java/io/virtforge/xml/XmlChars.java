package io.virtforge.xml;

/** Character classes of XML 1.0, in the cheap form the parser and writer need. */
final class XmlChars {
    private XmlChars() {
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    static boolean isWhitespace(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII name characters, looked up rather than tested (names are most of what the parser reads). */
    private static final boolean[] ASCII_NAME_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_NAME_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (c >= '0' && c <= '9') || c == '-' || c == '.';
        }
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !Character.isSurrogate(c) && c < 0xFFFE);
    }

    static boolean isNameChar(char c) {
        if (c < 128) {
            return ASCII_NAME_CHAR[c];
        }
        return isNameStart(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040
                || Character.isSurrogate(c);
    }

    /** Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, LF, CR; FFFE; FFFF). */
    static boolean isForbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
    }

    static boolean isValidName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
