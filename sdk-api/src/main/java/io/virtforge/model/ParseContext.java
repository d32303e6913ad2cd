package io.virtforge.model;

import io.virtforge.value.ValueFormatException;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The state of one model parse: the stack of open elements (for error paths, computed only when an
 * error happens) and an optional listener for the parts that stay untyped.
 *
 * <p>Elements are opened and closed strictly nested (a reader is finished with {@link ElementReader#done()}
 * before its parent goes on), so one reader per depth serves every element read at that depth: the
 * readers were an eighth of a parse's allocation.
 */
final class ParseContext {
    private XmlElement[] stack = new XmlElement[16];
    private ElementReader[] readers = new ElementReader[16];
    private ElementReader absentReader;
    private int depth;
    private final Consumer<Untyped> untypedListener;

    private ParseContext(Consumer<Untyped> untypedListener) {
        this.untypedListener = untypedListener;
    }

    /** A context for an ordinary parse. */
    static ParseContext create() {
        return new ParseContext(null);
    }

    /** A context that reports every untyped part to {@code listener}. */
    static ParseContext inspecting(Consumer<Untyped> listener) {
        return new ParseContext(listener);
    }

    ElementReader open(XmlElement e) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
            readers = Arrays.copyOf(readers, depth * 2);
        }
        ElementReader r = readers[depth];
        if (r == null) {
            r = readers[depth] = new ElementReader(this);
        }
        stack[depth++] = e;
        return r.reset(e);
    }

    /** The reader of a child that is not there. */
    ElementReader absent() {
        ElementReader r = absentReader;
        return r != null ? r : (absentReader = ElementReader.absent(this));
    }

    void close() {
        stack[--depth] = null;
    }

    boolean inspecting() {
        return untypedListener != null;
    }

    void untyped(Untyped.Kind kind, String name) {
        String path = kind == Untyped.Kind.ATTRIBUTE ? path() + "/@" + name
                : kind == Untyped.Kind.TEXT ? path() + "/text()" : path() + "/" + name;
        untypedListener.accept(new Untyped(path, kind, name));
    }

    /** The path of the innermost open element, e.g. {@code /domain/devices/disk[2]}. */
    String path() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            XmlElement e = stack[i];
            sb.append('/').append(e.name());
            if (i > 0) {
                int index = 0;
                int same = 0;
                for (XmlElement sibling : stack[i - 1].elements(e.name())) {
                    same++;
                    if (sibling == e) {
                        index = same;
                    }
                }
                if (same > 1) {
                    sb.append('[').append(index).append(']');
                }
            }
        }
        return sb.toString();
    }

    XmlModelException error(String reason) {
        XmlElement e = depth > 0 ? stack[depth - 1] : null;
        return new XmlModelException(reason, path(), e == null ? 0 : e.line(), e == null ? 0 : e.column());
    }

    XmlModelException error(String attribute, ValueFormatException cause) {
        XmlElement e = stack[depth - 1];
        String where = attribute.endsWith("()") ? path() + "/" + attribute : path() + "/@" + attribute;
        XmlModelException x = new XmlModelException(cause.getMessage(), where, e.line(), e.column());
        x.initCause(cause);
        return x;
    }
}
