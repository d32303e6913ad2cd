package io.virtforge.json;

import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer for Virtforge's machine-readable output (reports, plans, host pictures):
 * values are null, Boolean, Number, CharSequence, {@link Map} (keys as strings, in the map's order),
 * {@link Collection}, arrays of int, or {@link JsonValue}. No dependency, no reflection.
 */
public final class Json {
    private Json() {
    }

    /** Something that writes itself as JSON. */
    @FunctionalInterface
    public interface JsonValue {
        /** Appends this value. */
        void writeJson(StringBuilder out);
    }

    /** The JSON text of a value. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    /** Appends the JSON text of a value. */
    public static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonValue j) {
            j.writeJson(out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            out.append(Double.isFinite(d) ? n.toString() : "null");
        } else if (value instanceof CharSequence s) {
            quote(s, out);
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(o, out);
            }
            out.append(']');
        } else if (value instanceof int[] a) {
            out.append('[');
            for (int i = 0; i < a.length; i++) {
                out.append(i == 0 ? "" : ",").append(a[i]);
            }
            out.append(']');
        } else {
            quote(value.toString(), out);
        }
    }

    /** Appends a JSON string literal. */
    public static void quote(CharSequence s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
