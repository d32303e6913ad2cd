package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <tpm model>} with its backend (host passthrough device or swtpm emulator). */
public final class Tpm extends Device {
    private final String model;
    private final String backendType;
    private final String backendVersion;
    private final String devicePath;

    private Tpm(ElementReader r) {
        super(r);
        model = r.attr("model");
        ElementReader b = r.sub("backend");
        backendType = b.attr("type");
        backendVersion = b.attr("version");
        devicePath = b.childAttr("device", "path", s -> s);
        b.done();
    }

    static Tpm read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Tpm(r));
    }

    /** tpm-tis, tpm-crb, tpm-spapr, spapr-tpm-proxy. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** passthrough, emulator or external. */
    public Optional<String> backendType() {
        return Optional.ofNullable(backendType);
    }

    /** 1.2 or 2.0 (emulator). */
    public Optional<String> backendVersion() {
        return Optional.ofNullable(backendVersion);
    }

    /** The host TPM device (passthrough). */
    public Optional<String> devicePath() {
        return Optional.ofNullable(devicePath);
    }
}
