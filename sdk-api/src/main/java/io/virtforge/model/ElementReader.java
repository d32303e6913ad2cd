package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.value.ValueFormatException;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import io.virtforge.xml.XmlText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one element for a model class: typed access to attributes, text and children, with errors
 * that name the path, and a record of what was read so that {@code inspect} can list what was not.
 * Internal; nulls here mean "absent" and never leave the model classes.
 */
final class ElementReader {
    private XmlElement e;
    private final ParseContext ctx;
    private long readAttributes; // bit i set: attribute i was read (attributes past 64 use 'more')
    private long[] more;
    private String[] readChildren; // names of the child elements read; kept only when inspecting
    private int readChildCount;
    private boolean readText;
    private boolean readAllChildren;

    private static final XmlElement NONE = XmlElement.builder("none").build();
    private final boolean absent;

    /** A reader for {@link ParseContext} to keep at one depth and {@link #reset} for each element it opens there. */
    ElementReader(ParseContext ctx) {
        this(NONE, ctx, false);
    }

    private ElementReader(XmlElement e, ParseContext ctx, boolean absent) {
        this.e = e;
        this.ctx = ctx;
        this.absent = absent;
    }

    /** Starts reading {@code element}, forgetting what was read of the previous one. */
    ElementReader reset(XmlElement element) {
        e = element;
        readAttributes = 0;
        more = null;
        readChildCount = 0;
        readText = false;
        readAllChildren = false;
        return this;
    }

    /**
     * A reader of the first child called {@code name}; when there is none, a reader that finds
     * nothing (every attribute absent, text empty), so callers need no branch for the absent case.
     */
    ElementReader sub(String name) {
        XmlElement c = element(name);
        return c != null ? ctx.open(c) : ctx.absent();
    }

    /** The reader {@link #sub} gives for a missing child; it keeps no state, so a parse needs one. */
    static ElementReader absent(ParseContext ctx) {
        return new ElementReader(NONE, ctx, true);
    }

    /** True when this reader stands for a child that is not there. */
    boolean absent() {
        return absent;
    }

    XmlElement element() {
        return e;
    }

    ParseContext context() {
        return ctx;
    }

    // ---- attributes

    /** The attribute's value, or null. */
    String attr(String name) {
        int i = e.attributeIndex(name);
        if (i < 0) {
            return null;
        }
        markAttribute(i);
        return e.attributeValue(i);
    }

    String requiredAttr(String name) {
        String v = attr(name);
        if (v == null) {
            throw ctx.error("missing required attribute '" + name + "'");
        }
        return v;
    }

    /** The attribute parsed by {@code parser}, or null when absent; parse errors name the path. */
    <T> T attr(String name, Function<String, T> parser) {
        String v = attr(name);
        return v == null ? null : parse(name, v, parser);
    }

    <T> T required(String name, Function<String, T> parser) {
        return parse(name, requiredAttr(name), parser);
    }

    <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (ValueFormatException x) {
            throw ctx.error(name, x);
        }
    }

    /** An unsigned decimal int attribute, or -1 when absent. */
    int uint(String name) {
        String v = attr(name);
        return v == null ? -1 : parse(name, v, s -> Numbers.unsigned(s, Integer.MAX_VALUE)).intValue();
    }

    int requiredUint(String name) {
        return parse(name, requiredAttr(name), s -> Numbers.unsigned(s, Integer.MAX_VALUE)).intValue();
    }

    /** An unsigned decimal long attribute, or -1 when absent. */
    long ulong(String name) {
        String v = attr(name);
        return v == null ? -1 : parse(name, v, s -> Numbers.unsigned(s, Long.MAX_VALUE));
    }

    /** A signed decimal long attribute, or null when absent. */
    Long slong(String name) {
        return attr(name, Numbers::signed);
    }

    /** An int attribute in libvirt's base-0 form ({@code 0x1f}, {@code 017}, {@code 31}), or -1. */
    int number(String name) {
        String v = attr(name);
        return v == null ? -1 : parse(name, v, s -> Numbers.base0(s, Integer.MAX_VALUE)).intValue();
    }

    /** A long attribute in libvirt's base-0 form, or -1. */
    long number64(String name) {
        String v = attr(name);
        return v == null ? -1 : parse(name, v, s -> Numbers.base0(s, Long.MAX_VALUE));
    }

    /** A yes/no (or on/off) attribute, or null when absent. */
    Boolean bool(String name) {
        return attr(name, Numbers::bool);
    }

    /** A size: {@code valueAttr} scaled by {@code unitAttr} (default {@code dflt}), or null. */
    DataSize size(String valueAttr, String unitAttr, DataUnit dflt) {
        String v = attr(valueAttr);
        return v == null ? null : scaled(valueAttr, v, unitAttr, dflt);
    }

    /** The element's text as a size scaled by {@code unitAttr}, or null when there is no text. */
    DataSize textSize(String unitAttr, DataUnit dflt) {
        String t = text().trim();
        return t.isEmpty() ? null : scaled("text()", t, unitAttr, dflt);
    }

    private DataSize scaled(String what, String value, String unitAttr, DataUnit dflt) {
        String u = attr(unitAttr);
        DataUnit unit = u == null ? dflt : parse(unitAttr, u, DataUnit::parse);
        return parse(what, value.trim(), s -> DataSize.parse(s, unit));
    }

    private void markAttribute(int i) {
        if (i < 64) {
            readAttributes |= 1L << i;
        } else {
            if (more == null) {
                more = new long[(e.attributeCount() >> 6) + 1];
            }
            more[i >> 6] |= 1L << i;
        }
    }

    private boolean attributeRead(int i) {
        return i < 64 ? (readAttributes & (1L << i)) != 0 : more != null && (more[i >> 6] & (1L << i)) != 0;
    }

    // ---- text

    /** The element's text (empty when none), trimmed of nothing. */
    String text() {
        readText = true;
        return e.text();
    }

    String requiredText() {
        String t = text().trim();
        if (t.isEmpty()) {
            throw ctx.error("<" + e.name() + "> must not be empty");
        }
        return t;
    }

    /** The text as an unsigned int, or -1 when empty. */
    int textUint() {
        String t = text().trim();
        return t.isEmpty() ? -1 : parse("text()", t, s -> Numbers.unsigned(s, Integer.MAX_VALUE)).intValue();
    }

    // ---- children

    private void markChild(String name) {
        if (ctx.inspecting() && !absent) {
            if (readChildren == null) {
                readChildren = new String[8];
            } else if (readChildCount == readChildren.length) {
                readChildren = Arrays.copyOf(readChildren, readChildCount * 2);
            }
            readChildren[readChildCount++] = name;
        }
    }

    /** Marks the child elements called {@code name} as typed, for readers that walk children themselves. */
    void typed(String name) {
        markChild(name);
    }

    /** Marks the whole element as accounted for (its parent reports it as one untyped unit). */
    void everythingTyped() {
        readAllChildren = true;
        readText = true;
        readAttributes = -1L;
        if (e.attributeCount() > 64) {
            more = new long[(e.attributeCount() >> 6) + 1];
            java.util.Arrays.fill(more, -1L);
        }
    }

    /** Marks every child element as typed (for elements whose children are kept verbatim by design). */
    void allChildrenTyped() {
        readAllChildren = true;
    }

    /** The first child element with that name, or null. */
    XmlElement element(String name) {
        markChild(name);
        int i = e.indexOfElement(name, 0);
        return i < 0 ? null : (XmlElement) e.child(i);
    }

    /** True when a child element with that name exists (libvirt's empty marker elements). */
    boolean flag(String name) {
        return element(name) != null;
    }

    /** The first child with that name as a model, or null. */
    <T> T child(String name, ModelReader<T> reader) {
        XmlElement c = element(name);
        return c == null ? null : reader.read(c, ctx);
    }

    /** All children with that name as models, in document order. */
    <T> List<T> children(String name, ModelReader<T> reader) {
        markChild(name);
        int i = e.indexOfElement(name, 0);
        if (i < 0) {
            return List.of();
        }
        List<T> list = new ArrayList<>(4);
        for (; i >= 0; i = e.indexOfElement(name, i + 1)) {
            list.add(reader.read((XmlElement) e.child(i), ctx));
        }
        return List.copyOf(list);
    }

    /** Reads a child element by name that holds only text, e.g. {@code <kernel>/boot/vmlinuz</kernel>}. */
    String childText(String name) {
        XmlElement c = element(name);
        if (c == null) {
            return null;
        }
        ElementReader r = ctx.open(c);
        String t = r.text();
        r.done();
        return t;
    }

    /** A child holding a size as text with a {@code unit} attribute ({@code <memory unit='KiB'>N</memory>}), or null. */
    DataSize childSize(String name, DataUnit dflt) {
        XmlElement c = element(name);
        if (c == null) {
            return null;
        }
        ElementReader r = ctx.open(c);
        DataSize size = r.textSize("unit", dflt);
        if (size == null) {
            throw ctx.error("<" + name + "> must hold a number");
        }
        r.done();
        return size;
    }

    /** A child holding an unsigned number as text, or -1. */
    long childUlong(String name) {
        XmlElement c = element(name);
        if (c == null) {
            return -1;
        }
        ElementReader r = ctx.open(c);
        String t = r.requiredText();
        long v = r.parse("text()", t, s -> Numbers.unsigned(s, Long.MAX_VALUE));
        r.done();
        return v;
    }

    /** A child holding a signed number as text, or null. */
    Long childSlong(String name) {
        XmlElement c = element(name);
        if (c == null) {
            return null;
        }
        ElementReader r = ctx.open(c);
        Long v = r.parse("text()", r.requiredText(), Numbers::signed);
        r.done();
        return v;
    }

    /** {@code <boot order='N'/>} of a bootable device, or -1. */
    int bootOrder() {
        Long order = childAttr("boot", "order", s -> Numbers.unsigned(s, Integer.MAX_VALUE));
        return order == null ? -1 : order.intValue();
    }

    /**
     * A child whose only typed content is one attribute, parsed; null when the child or the attribute
     * is absent. The attribute is not required even where libvirt's schema requires it today: newer
     * libvirt versions relax such attributes (the hostdev's {@code <driver name>}), and an element
     * without it is still kept and written back whole.
     */
    <T> T childAttr(String name, String attribute, Function<String, T> parser) {
        XmlElement c = element(name);
        if (c == null) {
            return null;
        }
        ElementReader r = ctx.open(c);
        T v = r.attr(attribute, parser);
        r.done();
        return v;
    }

    // ---- end

    /** Ends reading: reports untyped parts when inspecting, and leaves the element. */
    void done() {
        if (absent) {
            return;
        }
        if (ctx.inspecting()) {
            reportUntyped();
        }
        ctx.close();
    }

    /** Ends reading and returns the model built from it. */
    <T> T done(T model) {
        done();
        return model;
    }

    private void reportUntyped() {
        for (int i = 0, n = e.attributeCount(); i < n; i++) {
            if (!attributeRead(i)) {
                ctx.untyped(Untyped.Kind.ATTRIBUTE, e.attributeName(i));
            }
        }
        boolean text = false;
        for (int i = 0, n = e.childCount(); i < n; i++) {
            XmlNode c = e.child(i);
            if (c instanceof XmlElement child && !readAllChildren && !childRead(child.name())) {
                ctx.untyped(Untyped.Kind.ELEMENT, child.name());
            } else if (c instanceof XmlText t && !readText && !t.isWhitespace()) {
                text = true;
            }
        }
        if (text) {
            ctx.untyped(Untyped.Kind.TEXT, "#text");
        }
    }

    private boolean childRead(String name) {
        for (int i = 0; i < readChildCount; i++) {
            if (readChildren[i].equals(name)) {
                return true;
            }
        }
        return false;
    }
}
