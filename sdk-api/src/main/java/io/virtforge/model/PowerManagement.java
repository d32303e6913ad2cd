package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <pm>}: whether the guest may suspend to memory or disk. */
public final class PowerManagement extends XmlModel {
    private final Boolean suspendToMem;
    private final Boolean suspendToDisk;

    private PowerManagement(ElementReader r) {
        super(r.element());
        suspendToMem = r.childAttr("suspend-to-mem", "enabled", Numbers::bool);
        suspendToDisk = r.childAttr("suspend-to-disk", "enabled", Numbers::bool);
    }

    static PowerManagement read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new PowerManagement(r));
    }

    /** {@code <pm>} with both states set. */
    public static PowerManagement of(boolean suspendToMem, boolean suspendToDisk) {
        XmlElement e = XmlElement.builder("pm")
                .add(XmlElement.builder("suspend-to-mem").attribute("enabled", suspendToMem ? "yes" : "no").build())
                .add(XmlElement.builder("suspend-to-disk").attribute("enabled", suspendToDisk ? "yes" : "no").build())
                .build();
        return read(e, ParseContext.create());
    }

    /** S3. */
    public Optional<Boolean> suspendToMem() {
        return Optional.ofNullable(suspendToMem);
    }

    /** S4. */
    public Optional<Boolean> suspendToDisk() {
        return Optional.ofNullable(suspendToDisk);
    }
}
