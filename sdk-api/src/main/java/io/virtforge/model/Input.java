package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <input type bus model>}: a mouse, keyboard, tablet or passed-through input device. */
public final class Input extends Device {
    private final String type;
    private final String bus;
    private final String model;
    private final String sourceEvdev;

    private Input(ElementReader r) {
        super(r);
        type = r.requiredAttr("type");
        bus = r.attr("bus");
        model = r.attr("model");
        ElementReader s = r.sub("source");
        sourceEvdev = s.attr("evdev");
        s.done();
    }

    static Input read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Input(r));
    }

    /** mouse, keyboard, tablet, passthrough or evdev. */
    public String type() {
        return type;
    }

    /** ps2, usb, virtio, xen. */
    public Optional<String> bus() {
        return Optional.ofNullable(bus);
    }

    /** virtio, virtio-transitional, virtio-non-transitional. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** The host event device (passthrough, evdev). */
    public Optional<String> sourceEvdev() {
        return Optional.ofNullable(sourceEvdev);
    }
}
