package io.virtforge.xml;

import java.util.Arrays;

/**
 * Shares the strings of element and attribute names (and short attribute values) between documents,
 * so that a parse allocates few strings and names compare by identity with the model's literals.
 *
 * <p>The table is racy by design: a slot may be overwritten by another thread at any time, which only
 * costs a cache miss. Strings are immutable and safely published, so a reader sees a whole string or
 * the previous one.
 */
final class NameCache {
    private static final int SIZE = 8192;
    private static final int MAX_INTERNED_LENGTH = 40;
    // One slot holds the characters and the string together, so a racing writer can never pair a key
    // with another key's string.
    private final Entry[] table = new Entry[SIZE];
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
        // Sets of two slots side by side, the newer string first: with one slot per hash, names that shared it
        // pushed each other out on every document (a corpus pass missed 263 times, each miss interning anew).
        int set = (hash ^ (hash >>> 12)) & (SIZE - 2);
        Entry first = table[set];
        if (first != null && first.chars.length == len && matches(first.chars, buf, from)) {
            return first.string;
        }
        Entry second = table[set + 1];
        if (second != null && second.chars.length == len && matches(second.chars, buf, from)) {
            return second.string;
        }
        String s = new String(buf, from, len);
        if (intern) {
            s = s.intern();
        }
        table[set + 1] = first;
        table[set] = new Entry(Arrays.copyOfRange(buf, from, to), s);
        return s;
    }

    /**
     * Whether two names this (interning) cache returned are equal: by identity, as every name up to
     * {@code MAX_INTERNED_LENGTH} characters is the interned string; longer ones by their characters.
     */
    static boolean sameName(String a, String b) {
        return a == b || (b.length() > MAX_INTERNED_LENGTH && a.equals(b));
    }

    // names are short: a plain loop over the cached characters beats both String.charAt and the
    // set-up of the vectorised Arrays.equals
    private static boolean matches(char[] cached, char[] buf, int from) {
        for (int i = 0; i < cached.length; i++) {
            if (cached[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    private record Entry(char[] chars, String string) {
    }
}
