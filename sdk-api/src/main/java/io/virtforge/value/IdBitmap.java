package io.virtforge.value;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable set of small non-negative integers in libvirt's bitmap syntax ({@code 0-3,^2,8}),
 * shared by {@link CpuSet} and {@link NodeSet}.
 */
final class IdBitmap {
    static final IdBitmap EMPTY = new IdBitmap(new long[0]);
    private final long[] words; // no trailing zero words, so equal sets have equal arrays

    private IdBitmap(long[] words) {
        this.words = words;
    }

    static IdBitmap of(long[] words) {
        int n = words.length;
        while (n > 0 && words[n - 1] == 0) {
            n--;
        }
        return n == 0 ? EMPTY : new IdBitmap(n == words.length ? words : Arrays.copyOf(words, n));
    }

    static IdBitmap of(int[] ids, int maxId, String kind) {
        int max = -1;
        for (int id : ids) {
            if (id < 0 || id > maxId) {
                throw new ValueFormatException(kind, Integer.toString(id), -1, "out of range 0-" + maxId);
            }
            max = Math.max(max, id);
        }
        if (max < 0) {
            return EMPTY;
        }
        // sized once: growing the array id by id made a set of k ids cost k copies (the planner builds many)
        long[] w = new long[(max >> 6) + 1];
        for (int id : ids) {
            w[id >> 6] |= 1L << id;
        }
        return of(w);
    }

    static IdBitmap range(int from, int to, int maxId, String kind) {
        if (from < 0 || to > maxId || from > to) {
            throw new ValueFormatException(kind, from + "-" + to, -1, "not a range within 0-" + maxId);
        }
        return of(set(new long[0], from, to));
    }

    /** Parses libvirt's syntax: entries N, N-M or ^N, separated by commas, applied left to right. */
    static IdBitmap parse(String s, int maxId, String kind) {
        if (s == null) {
            throw new ValueFormatException(kind, "null", -1, "no value");
        }
        long[] w = new long[0];
        int p = 0;
        int n = s.length();
        boolean any = false;
        while (true) {
            p = skipSpaces(s, p);
            boolean exclude = false;
            if (p < n && s.charAt(p) == '^') {
                exclude = true;
                p++;
            }
            int start = p;
            int from = number(s, p, maxId, kind);
            p = end(s, p);
            int to = from;
            p = skipSpaces(s, p);
            if (p < n && s.charAt(p) == '-') {
                if (exclude) {
                    throw new ValueFormatException(kind, s, p, "an exclusion (^) takes one number, not a range");
                }
                p++;
                p = skipSpaces(s, p);
                to = number(s, p, maxId, kind);
                p = end(s, p);
                p = skipSpaces(s, p);
            }
            // a syntax error after the entry is reported before a backwards range, so that the position
            // is that of the first character that cannot be read
            if (p < n && s.charAt(p) != ',') {
                throw new ValueFormatException(kind, s, p, "expected ',' or the end");
            }
            if (to < from) {
                throw new ValueFormatException(kind, s, start, "range " + from + "-" + to + " runs backwards");
            }
            w = exclude ? clear(w, from, to) : set(w, from, to);
            any = true;
            if (p == n) {
                break;
            }
            p++;
        }
        if (!any) {
            throw new ValueFormatException(kind, s, 0, "empty");
        }
        return of(w);
    }

    private static int skipSpaces(String s, int p) {
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    private static int end(String s, int p) {
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
        }
        return p;
    }

    private static int number(String s, int p, int maxId, String kind) {
        if (p >= s.length() || s.charAt(p) < '0' || s.charAt(p) > '9') {
            throw new ValueFormatException(kind, s, p, p >= s.length() ? "expected a number at the end" : "expected a number");
        }
        long v = 0;
        int q = p;
        while (q < s.length() && s.charAt(q) >= '0' && s.charAt(q) <= '9') {
            v = v * 10 + (s.charAt(q) - '0');
            if (v > maxId) {
                throw new ValueFormatException(kind, s, p, "number out of range 0-" + maxId);
            }
            q++;
        }
        return (int) v;
    }

    private static long[] set(long[] w, int from, int to) {
        long[] r = w.length > (to >> 6) ? w.clone() : Arrays.copyOf(w, (to >> 6) + 1);
        for (int i = from; i <= to; i++) {
            r[i >> 6] |= 1L << i;
        }
        return r;
    }

    private static long[] clear(long[] w, int from, int to) {
        long[] r = w.clone();
        for (int i = from; i <= Math.min(to, (r.length << 6) - 1); i++) {
            r[i >> 6] &= ~(1L << i);
        }
        return r;
    }

    boolean contains(int id) {
        int word = id >> 6;
        return id >= 0 && word < words.length && (words[word] & (1L << id)) != 0;
    }

    int size() {
        int c = 0;
        for (long x : words) {
            c += Long.bitCount(x);
        }
        return c;
    }

    boolean isEmpty() {
        return words.length == 0;
    }

    int first() {
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(words[i]);
            }
        }
        return -1;
    }

    int last() {
        return words.length == 0 ? -1 : (words.length << 6) - 1 - Long.numberOfLeadingZeros(words[words.length - 1]);
    }

    /** The smallest member greater than or equal to {@code from}, or -1. */
    int next(int from) {
        int word = from >> 6;
        if (from < 0 || word >= words.length) {
            return -1;
        }
        long x = words[word] & (-1L << from);
        while (true) {
            if (x != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(x);
            }
            if (++word == words.length) {
                return -1;
            }
            x = words[word];
        }
    }

    IntStream stream() {
        return IntStream.iterate(next(0), i -> i >= 0, i -> next(i + 1));
    }

    int[] toArray() {
        int[] a = new int[size()];
        int k = 0;
        for (int i = next(0); i >= 0; i = next(i + 1)) {
            a[k++] = i;
        }
        return a;
    }

    IdBitmap union(IdBitmap o) {
        long[] r = Arrays.copyOf(words, Math.max(words.length, o.words.length));
        for (int i = 0; i < o.words.length; i++) {
            r[i] |= o.words[i];
        }
        return of(r);
    }

    IdBitmap intersect(IdBitmap o) {
        long[] r = Arrays.copyOf(words, Math.min(words.length, o.words.length));
        for (int i = 0; i < r.length; i++) {
            r[i] &= o.words[i];
        }
        return of(r);
    }

    IdBitmap minus(IdBitmap o) {
        long[] r = words.clone();
        for (int i = 0; i < Math.min(r.length, o.words.length); i++) {
            r[i] &= ~o.words[i];
        }
        return of(r);
    }

    boolean intersects(IdBitmap o) {
        for (int i = 0; i < Math.min(words.length, o.words.length); i++) {
            if ((words[i] & o.words[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    boolean containsAll(IdBitmap o) {
        if (o.words.length > words.length) {
            return false;
        }
        for (int i = 0; i < o.words.length; i++) {
            if ((o.words[i] & ~words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** libvirt's canonical form: ascending, runs of two or more as {@code a-b}, comma separated. */
    String format() {
        StringBuilder sb = new StringBuilder();
        int i = next(0);
        while (i >= 0) {
            int j = i;
            while (contains(j + 1)) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (j > i) {
                sb.append('-').append(j);
            }
            i = next(j + 1);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdBitmap b && Arrays.equals(words, b.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }
}
