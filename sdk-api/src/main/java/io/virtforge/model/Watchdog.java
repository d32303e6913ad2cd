package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <watchdog model action>}: a watchdog timer and what happens when it fires. */
public final class Watchdog extends Device {
    private final String model;
    private final String action;

    private Watchdog(ElementReader r) {
        super(r);
        model = r.requiredAttr("model");
        action = r.attr("action");
    }

    static Watchdog read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Watchdog(r));
    }

    /** i6300esb, ib700, diag288, itco... (kept as text: new models must not break parsing). */
    public String model() {
        return model;
    }

    /** reset, shutdown, poweroff, pause, none, dump, inject-nmi. */
    public Optional<String> action() {
        return Optional.ofNullable(action);
    }
}
