package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlElement;
import java.util.OptionalInt;

/** {@code <maxMemory slots unit>N</maxMemory>}: the ceiling for memory hotplug and its DIMM slots. */
public final class MaxMemory extends XmlModel {
    private final DataSize size;
    private final int slots;

    private MaxMemory(ElementReader r) {
        super(r.element());
        DataSize s = r.textSize("unit", DataUnit.KIB);
        if (s == null) {
            throw r.context().error("<maxMemory> must hold a number");
        }
        size = s;
        slots = r.uint("slots");
    }

    static MaxMemory read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new MaxMemory(r));
    }

    /** A maximum of {@code size} over {@code slots} hotplug slots. */
    public static MaxMemory of(DataSize size, int slots) {
        XmlElement.Builder b = XmlElement.builder("maxMemory").attribute("slots", Integer.toString(slots));
        return read(Sizes.write(b, size, "unit").build(), ParseContext.create());
    }

    /** The maximum memory. */
    public DataSize size() {
        return size;
    }

    /** The number of hotplug slots. */
    public OptionalInt slots() {
        return Opt.of(slots);
    }
}
