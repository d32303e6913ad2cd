package io.virtforge.xml;

import java.util.Arrays;

/**
 * The characters of one write by {@link XmlWriter}, growing in one array that the thread's next write reuses.
 * A writer puts a few characters at a time (a quote, a name, a value), several hundred times per document; a
 * plain array with one bound check per piece costs less per piece than {@link StringBuilder}, which also tests
 * its coder on every append. Markup written here is ASCII and content is copied as it is.
 */
final class XmlOut {
    private static final char[] SPACES = " ".repeat(128).toCharArray();
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private char[] buf;
    private int len;

    XmlOut(int capacity) {
        buf = new char[capacity];
    }

    int length() {
        return len;
    }

    int capacity() {
        return buf.length;
    }

    void clear() {
        len = 0;
    }

    XmlOut put(char c) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = c;
        return this;
    }

    XmlOut put(String s) {
        return put(s, 0, s.length());
    }

    /** Puts {@code s[from, to)}. */
    XmlOut put(String s, int from, int to) {
        int n = to - from;
        if (n > buf.length - len) {
            grow(n);
        }
        s.getChars(from, to, buf, len);
        len += n;
        return this;
    }

    /** Puts {@code n} spaces. */
    void spaces(int n) {
        while (n > 0) {
            int k = Math.min(n, SPACES.length);
            if (k > buf.length - len) {
                grow(k);
            }
            System.arraycopy(SPACES, 0, buf, len, k);
            len += k;
            n -= k;
        }
    }

    private void grow(int more) {
        if (more > MAX_LENGTH - len) {
            throw new OutOfMemoryError("XML text longer than " + MAX_LENGTH + " characters");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(MAX_LENGTH, Math.max(2L * buf.length, (long) len + more)));
    }

    /** Hands what was put to {@code sink}, the array valid during the call only. */
    <T> T handTo(XmlWriter.TextSink<T> sink) {
        return sink.take(buf, len);
    }
}
