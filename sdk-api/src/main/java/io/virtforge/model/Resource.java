package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <resource><partition>/machine</partition></resource>}: the cgroup partition of the domain. */
public final class Resource extends XmlModel {
    private final String partition;

    private Resource(ElementReader r) {
        super(r.element());
        partition = r.childText("partition");
    }

    static Resource read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Resource(r));
    }

    /** A resource with the given partition. */
    public static Resource partition(String partition) {
        XmlElement e = XmlElement.builder("resource")
                .add(XmlElement.builder("partition").text(partition).build()).build();
        return read(e, ParseContext.create());
    }

    /** The partition path. */
    public Optional<String> partition() {
        return Optional.ofNullable(partition);
    }
}
