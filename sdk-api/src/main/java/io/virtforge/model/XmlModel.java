package io.virtforge.model;

import io.virtforge.xml.XmlElement;

/**
 * Base of every typed model class: a typed view over one immutable {@link XmlElement}.
 *
 * <p>The element is the single source of truth. Typed accessors read values parsed (and checked) when
 * the model was built; whatever the class does not type, in any namespace, stays in the element and
 * is written back unchanged. Models are immutable and thread-safe; changing one means
 * {@code toBuilder()}, which keeps the untyped parts, and {@code build()}.
 */
public abstract class XmlModel {
    private final XmlElement xml;

    XmlModel(XmlElement xml) {
        this.xml = xml;
    }

    /** The element this model reads, untyped parts included. */
    public final XmlElement xml() {
        return xml;
    }

    /** Models are equal when they are of the same class and their XML is equal. */
    @Override
    public final boolean equals(Object o) {
        return o == this || (o != null && o.getClass() == getClass() && xml.equals(((XmlModel) o).xml));
    }

    @Override
    public final int hashCode() {
        return xml.hashCode();
    }

    /** The model as XML. */
    @Override
    public String toString() {
        return xml.toString();
    }
}
