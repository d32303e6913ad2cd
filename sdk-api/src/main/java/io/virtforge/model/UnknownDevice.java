package io.virtforge.model;

import io.virtforge.xml.XmlElement;

/** A device kind the SDK does not type; kept and written back verbatim. */
public final class UnknownDevice extends Device {
    private UnknownDevice(ElementReader r) {
        super(r);
        r.everythingTyped(); // reported by Devices as one untyped element
    }

    static UnknownDevice read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new UnknownDevice(r));
    }

    /** Wraps any device element. */
    public static UnknownDevice of(XmlElement element) {
        return read(element, ParseContext.create());
    }
}
