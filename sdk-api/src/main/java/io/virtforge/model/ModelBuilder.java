package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.IdSet;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Base of the builders of model classes. A builder edits a copy of the model's element, so that
 * {@code toBuilder()} keeps every untyped attribute and child; {@link #build()} parses the result
 * with the same code as the XML codec, so a built model is checked exactly like a parsed one.
 *
 * @param <B> the concrete builder
 * @param <M> the model it builds
 */
public abstract class ModelBuilder<B extends ModelBuilder<B, M>, M extends XmlModel> {
    final XmlElement.Builder xml;
    private final ModelReader<M> reader;
    private final List<String> childOrder;

    ModelBuilder(XmlElement.Builder xml, ModelReader<M> reader, List<String> childOrder) {
        this.xml = xml;
        this.reader = reader;
        this.childOrder = childOrder;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * Sets an attribute the model does not type (or overrides a typed one with raw text): an escape
     * hatch for libvirt features newer than this SDK. The value is checked when the model is built.
     */
    public final B rawAttribute(String name, String value) {
        xml.attribute(name, value);
        return self();
    }

    /** Appends a child element the model does not type; it is kept and written back as given. */
    public final B rawElement(XmlElement element) {
        xml.add(Objects.requireNonNull(element, "element"));
        return self();
    }

    /** Builds and checks the model; throws {@link io.virtforge.xml.XmlModelException} on invalid values. */
    public final M build() {
        return reader.read(xml.build(), ParseContext.create());
    }

    // ---- helpers for the typed setters

    /** Sets or (for null) removes an attribute, formatting the value as libvirt writes it. */
    final B attribute(String name, Object value) {
        if (value == null) {
            xml.removeAttribute(name);
        } else {
            xml.attribute(name, format(value));
        }
        return self();
    }

    static String format(Object value) {
        if (value instanceof XmlEnum e) {
            return e.xmlValue();
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof IdSet<?> s) {
            return s.format();
        }
        return value.toString();
    }

    /** Replaces (or, for null, removes) the child called {@code name}. */
    final B child(String name, XmlModel model) {
        xml.setElements(name, model == null ? List.of() : List.of(model.xml()), childOrder);
        return self();
    }

    /** Replaces the children with the element's name by the element itself. */
    final B element(XmlElement element) {
        xml.setElements(element.name(), List.of(element), childOrder);
        return self();
    }

    /** Replaces all children called {@code name}. */
    final B children(String name, List<? extends XmlModel> models) {
        List<XmlElement> elements = new ArrayList<>(models.size());
        for (XmlModel m : models) {
            elements.add(m.xml());
        }
        xml.setElements(name, elements, childOrder);
        return self();
    }

    /** Adds a child after the existing ones of the same name. */
    final B addChild(XmlModel model) {
        xml.insertElement(model.xml(), childOrder);
        return self();
    }

    /** Adds or removes an empty marker child such as {@code <locked/>}. */
    final B flag(String name, boolean present) {
        xml.setElements(name, present ? List.of(XmlElement.builder(name).build()) : List.of(), childOrder);
        return self();
    }

    /** Sets (or, for null, removes) a child holding only text, keeping the child's other attributes. */
    final B textChild(String name, Object text) {
        if (text == null) {
            xml.removeElements(name);
            return self();
        }
        XmlElement.Builder c = existingOrNew(name);
        xml.setElements(name, List.of(c.text(format(text)).build()), childOrder);
        return self();
    }

    /**
     * Sets one attribute of the child called {@code name}, creating the child if needed and keeping
     * its other attributes; a null value removes the whole child.
     */
    final B attributeChild(String name, String attribute, Object value) {
        if (value == null) {
            xml.removeElements(name);
            return self();
        }
        XmlElement.Builder c = existingOrNew(name);
        xml.setElements(name, List.of(c.attribute(attribute, format(value)).build()), childOrder);
        return self();
    }

    /**
     * Sets attributes of the child called {@code name} from name/value pairs, creating the child if
     * needed and keeping its other attributes; a null value removes that attribute.
     */
    final B childAttributes(String name, Object... pairs) {
        XmlElement.Builder c = existingOrNew(name);
        for (int i = 0; i < pairs.length; i += 2) {
            String attribute = (String) pairs[i];
            if (pairs[i + 1] == null) {
                c.removeAttribute(attribute);
            } else {
                c.attribute(attribute, format(pairs[i + 1]));
            }
        }
        xml.setElements(name, List.of(c.build()), childOrder);
        return self();
    }

    /** Sets (or removes) a child holding a size, as libvirt writes sizes: a number and {@code unit}. */
    final B sizeChild(String name, DataSize size) {
        if (size == null) {
            xml.removeElements(name);
            return self();
        }
        XmlElement.Builder c = existingOrNew(name);
        xml.setElements(name, List.of(Sizes.write(c, size, "unit").build()), childOrder);
        return self();
    }

    private XmlElement.Builder existingOrNew(String name) {
        return xml.element(name).map(XmlElement::toBuilder).orElseGet(() -> XmlElement.builder(name));
    }

    /** Sets the element's own text to a size and its {@code unit} attribute. */
    final B sizeText(DataSize size) {
        Sizes.write(xml, size, "unit");
        return self();
    }
}
