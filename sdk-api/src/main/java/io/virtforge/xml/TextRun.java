package io.virtforge.xml;

/**
 * The character data between two pieces of markup, as the parser collects it: text and CDATA sections
 * next to each other make one run. While the run is one piece that needs no decoding it stays a range of
 * the input (nothing is copied, and a whitespace-only run, the usual indentation, is never copied);
 * from the second piece on it grows in one buffer, so a run of n pieces costs O(total length), not
 * O(n * length).
 */
final class TextRun {
    private final char[] buf;
    private int from = -1;
    private int to;
    private boolean built;
    private boolean whitespace = true;
    private StringBuilder text;

    TextRun(char[] buf) {
        this.buf = buf;
    }

    boolean isEmpty() {
        return !built && from < 0;
    }

    /** True when every character of the run so far is XML whitespace. */
    boolean isWhitespace() {
        return whitespace;
    }

    /** Adds {@code buf[start, end)}, which needs no decoding. */
    void addRaw(int start, int end, boolean pieceIsWhitespace) {
        whitespace &= pieceIsWhitespace;
        if (isEmpty()) {
            from = start;
            to = end;
        } else {
            builder().append(buf, start, end - start);
        }
    }

    /** The run as a builder to append decoded characters to; the caller reports them with {@link #addedWhitespace}. */
    StringBuilder builder() {
        if (!built) {
            if (text == null) {
                text = new StringBuilder(64);
            }
            text.setLength(0);
            if (from >= 0) {
                text.append(buf, from, to - from);
                from = -1;
            }
            built = true;
        }
        return text;
    }

    /** Records whether what was just appended to the {@link #builder()} is whitespace only. */
    void addedWhitespace(boolean pieceIsWhitespace) {
        whitespace &= pieceIsWhitespace;
    }

    /** The run's text; the run is empty again afterwards. */
    String take() {
        String s = built ? text.toString() : from >= 0 ? new String(buf, from, to - from) : "";
        reset();
        return s;
    }

    void reset() {
        built = false;
        from = -1;
        whitespace = true;
    }
}
