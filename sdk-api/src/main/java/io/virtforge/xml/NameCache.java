package io.virtforge.xml;

import java.util.Arrays;

/**
 * Shares the strings of element and attribute names (and short attribute values) between documents,
 * so that a parse allocates few strings and names compare by identity with the model's literals.
 *
 * <p>The table is racy by design: a slot may be overwritten by another thread at any time, which only
 * costs a cache miss. Entries are immutable and safely published (final fields), so a reader sees a whole
 * entry or the previous one.
 */
final class NameCache {
    private static final int SIZE = 8192;
    private static final int MAX_INTERNED_LENGTH = 40;
    /** Up to this many ASCII characters are held packed in an entry's two longs, eight bits each. */
    private static final int MAX_PACKED_LENGTH = 16;
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
        // The usual key, short and ASCII, is compared as two longs held in the entry itself: the lookup is bound
        // by memory latency, and this saves reading a separate character array per lookup.
        long k0 = 0;
        long k1 = 0;
        int wide = 0;
        if (len <= MAX_PACKED_LENGTH) {
            for (int i = 0, n = Math.min(len, 8); i < n; i++) {
                char c = buf[from + i];
                wide |= c;
                k0 = k0 << 8 | c;
            }
            for (int i = 8; i < len; i++) {
                char c = buf[from + i];
                wide |= c;
                k1 = k1 << 8 | c;
            }
        }
        boolean packed = len <= MAX_PACKED_LENGTH && wide < 128;
        // Sets of two slots side by side, the newer string first: with one slot per hash, names that shared it
        // pushed each other out on every document (a corpus pass missed 263 times, each miss interning anew).
        int set = (hash ^ (hash >>> 12)) & (SIZE - 2);
        Entry first = table[set];
        if (first != null && first.holds(packed, k0, k1, len, buf, from)) {
            return first.string;
        }
        Entry second = table[set + 1];
        if (second != null && second.holds(packed, k0, k1, len, buf, from)) {
            return second.string;
        }
        String s = new String(buf, from, len);
        if (intern) {
            s = s.intern();
        }
        table[set + 1] = first;
        table[set] = packed ? new Entry(k0, k1, len, null, s) : new Entry(0, 0, len, Arrays.copyOfRange(buf, from, to), s);
        return s;
    }

    /**
     * Whether two names this (interning) cache returned are equal: by identity, as every name up to
     * {@code MAX_INTERNED_LENGTH} characters is the interned string; longer ones by their characters.
     */
    static boolean sameName(String a, String b) {
        return a == b || (b.length() > MAX_INTERNED_LENGTH && a.equals(b));
    }

    /** A key and its string: the key packed in {@code k0, k1} (chars null), or as characters. */
    private record Entry(long k0, long k1, int length, char[] chars, String string) {
        boolean holds(boolean packed, long key0, long key1, int len, char[] buf, int from) {
            if (length != len) {
                return false;
            }
            if (chars == null) {
                return packed && k0 == key0 && k1 == key1;
            }
            return !packed && matches(chars, buf, from);
        }
    }

    // keys are short: a plain loop over the cached characters beats both String.charAt and the
    // set-up of the vectorised Arrays.equals
    private static boolean matches(char[] cached, char[] buf, int from) {
        for (int i = 0; i < cached.length; i++) {
            if (cached[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }
}
