package io.virtforge.xml;

/**
 * Shares the strings of element and attribute names (and short attribute values) between documents,
 * so that a parse allocates few strings and names compare by identity with the model's literals.
 *
 * <p>The table is racy by design: a slot may be overwritten by another thread at any time, which only
 * costs a cache miss. Strings are immutable and safely published, so a reader sees a whole string or
 * the previous one.
 */
final class NameCache {
    private static final int SIZE = 4096;
    private static final int MAX_INTERNED_LENGTH = 40;
    private final String[] table = new String[SIZE];
    private final boolean intern;

    NameCache(boolean intern) {
        this.intern = intern;
    }

    /** The string for {@code buf[from, to)}, whose hash (31-based, as String's) is {@code hash}. */
    String get(char[] buf, int from, int to, int hash) {
        int len = to - from;
        if (len > MAX_INTERNED_LENGTH) {
            return new String(buf, from, len);
        }
        int slot = (hash ^ (hash >>> 12)) & (SIZE - 1);
        String s = table[slot];
        if (s != null && s.length() == len && matches(s, buf, from, len)) {
            return s;
        }
        s = new String(buf, from, len);
        if (intern) {
            s = s.intern();
        }
        table[slot] = s;
        return s;
    }

    private static boolean matches(String s, char[] buf, int from, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buf[from + i]) {
                return false;
            }
        }
        return true;
    }
}
