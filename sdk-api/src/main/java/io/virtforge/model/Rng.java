package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code <rng model>}: a virtio random number generator and its host backend. */
public final class Rng extends Device {
    private final String model;
    private final String backendModel;
    private final String backendType;
    private final String backendSource;
    private final long rateBytes;
    private final long ratePeriod;

    private Rng(ElementReader r) {
        super(r);
        model = r.requiredAttr("model");
        ElementReader b = r.sub("backend");
        backendModel = b.attr("model");
        backendType = b.attr("type");
        backendSource = b.text().trim();
        b.done();
        ElementReader rate = r.sub("rate");
        rateBytes = rate.ulong("bytes");
        ratePeriod = rate.ulong("period");
        rate.done();
    }

    static Rng read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Rng(r));
    }

    /** A virtio RNG fed by {@code /dev/urandom}. */
    public static Rng urandom() {
        return read(XmlElement.builder("rng").attribute("model", "virtio").add(XmlElement.builder("backend")
                .attribute("model", "random").text("/dev/urandom").build()).build(), ParseContext.create());
    }

    /** virtio, virtio-transitional, virtio-non-transitional. */
    public String model() {
        return model;
    }

    /** random, egd or builtin. */
    public Optional<String> backendModel() {
        return Optional.ofNullable(backendModel);
    }

    /** The character device type of an egd backend. */
    public Optional<String> backendType() {
        return Optional.ofNullable(backendType);
    }

    /** The random source file (random backend). */
    public Optional<String> backendSource() {
        return Optional.ofNullable(backendSource).filter(s -> !s.isEmpty());
    }

    /** Bytes allowed per period. */
    public OptionalLong rateBytes() {
        return Opt.of(rateBytes);
    }

    /** The rate period in milliseconds. */
    public OptionalLong ratePeriod() {
        return Opt.of(ratePeriod);
    }
}
