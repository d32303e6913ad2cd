package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlElement;

/** Writes sizes the way libvirt's schema accepts them: an integer and its binary unit. */
final class Sizes {
    private Sizes() {
    }

    /** Writes the size as the element's text, with the unit attribute. */
    static XmlElement.Builder write(XmlElement.Builder e, DataSize size, String unitAttribute) {
        DataUnit unit = size.naturalUnit();
        e.attribute(unitAttribute, unit == DataUnit.BYTES ? "bytes" : unit.symbol());
        return e.text(Long.toString(size.in(unit)));
    }

    /** Writes the size into a value attribute and a unit attribute. */
    static XmlElement.Builder write(XmlElement.Builder e, DataSize size, String valueAttribute, String unitAttribute) {
        DataUnit unit = size.naturalUnit();
        e.attribute(valueAttribute, Long.toString(size.in(unit)));
        return e.attribute(unitAttribute, unit == DataUnit.BYTES ? "bytes" : unit.symbol());
    }
}
