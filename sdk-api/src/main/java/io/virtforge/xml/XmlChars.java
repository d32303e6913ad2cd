package io.virtforge.xml;

/**
 * Character classes of XML 1.0 (fifth edition) and of Namespaces in XML 1.0, in the form the parser,
 * the builders and the writer need. Java strings are UTF-16, so supplementary characters arrive as
 * surrogate pairs; a surrogate that is not half of a pair is never an XML character.
 */
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

    static boolean isWhitespace(char[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isWhitespace(s[i])) {
                return false;
            }
        }
        return true;
    }

    /** ASCII name characters, looked up rather than tested (names are most of what the parser reads). */
    private static final boolean[] ASCII_NAME_CHAR = new boolean[128];
    private static final boolean[] ASCII_NAME_START = new boolean[128];

    /** The same without ':', for names without a prefix, the parser's usual case. */
    private static final boolean[] ASCII_NCNAME_CHAR = new boolean[128];
    private static final boolean[] ASCII_NCNAME_START = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_NAME_START[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            ASCII_NAME_CHAR[c] = ASCII_NAME_START[c] || (c >= '0' && c <= '9') || c == '-' || c == '.';
            ASCII_NCNAME_START[c] = ASCII_NAME_START[c] && c != ':';
            ASCII_NCNAME_CHAR[c] = ASCII_NAME_CHAR[c] && c != ':';
        }
    }

    /** True for an ASCII character that may start a name without a prefix. */
    static boolean isAsciiNcNameStart(char c) {
        return c < 128 && ASCII_NCNAME_START[c];
    }

    /** True for an ASCII character that may continue a name without a prefix. */
    static boolean isAsciiNcNameChar(char c) {
        return c < 128 && ASCII_NCNAME_CHAR[c];
    }

    /** NameStartChar of XML 1.0 fifth edition, for a code point. */
    static boolean isNameStart(int c) {
        if (c < 128) {
            return c >= 0 && ASCII_NAME_START[c];
        }
        return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    /** NameChar of XML 1.0 fifth edition, for a code point. */
    static boolean isNameChar(int c) {
        if (c < 128) {
            return c >= 0 && ASCII_NAME_CHAR[c];
        }
        return isNameStart(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040;
    }

    /** Characters XML 1.0 forbids in a document, looking at one UTF-16 unit (surrogates are checked apart). */
    static boolean isForbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
    }

    /**
     * Index of the first UTF-16 unit of {@code s} that is not part of an XML 1.0 character (a forbidden
     * control character, U+FFFE, U+FFFF or a lone surrogate); -1 when every character is allowed.
     */
    static int firstInvalidChar(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0xD800) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (isForbidden(c) || Character.isSurrogate(c)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A description of the invalid character at {@code i}, for error messages. */
    static String describe(CharSequence s, int i) {
        char c = s.charAt(i);
        return Character.isSurrogate(c) ? "unpaired surrogate U+" + hex(c) : "character U+" + hex(c);
    }

    static String hex(int c) {
        String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return h.length() >= 4 ? h : "0000".substring(h.length()) + h;
    }

    /** True when {@code s} matches the Name production (code points, surrogate pairs included). */
    static boolean isValidName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = codePointAt(s, i);
            if (cp < 0 || (i == 0 ? !isNameStart(cp) : !isNameChar(cp))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** True when {@code s} is a QName of Namespaces in XML: a Name with at most one colon, inside it. */
    static boolean isValidQName(String s) {
        if (!isValidName(s)) {
            return false;
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return true;
        }
        return colon > 0 && s.indexOf(':', colon + 1) < 0 && colon + 1 < s.length()
                && isNameStart(codePointAt(s, colon + 1));
    }

    /** The code point at {@code i}; -1 for a lone surrogate. */
    private static int codePointAt(String s, int i) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            return c;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(c, s.charAt(i + 1));
        }
        return -1;
    }

    /** Whether {@code buf[pos..end)} starts with {@code s}. */
    static boolean regionMatches(char[] buf, int pos, int end, String s) {
        if (pos + s.length() > end) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
