package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <memballoon model autodeflate freePageReporting>} with {@code <stats period>}: the balloon
 * device, by which the host reclaims guest memory and reads memory statistics. Latency-sensitive
 * guests with huge pages use {@code model='none'}.
 */
public final class Memballoon extends Device {
    private final String model;
    private final Boolean autodeflate;
    private final Boolean freePageReporting;
    private final int statsPeriod;

    private Memballoon(ElementReader r) {
        super(r);
        model = r.requiredAttr("model");
        autodeflate = r.bool("autodeflate");
        freePageReporting = r.bool("freePageReporting");
        Long p = r.childAttr("stats", "period", s -> Numbers.unsigned(s, Integer.MAX_VALUE));
        statsPeriod = p == null ? -1 : p.intValue();
    }

    static Memballoon read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Memballoon(r));
    }

    /** A balloon of {@code model} (virtio, or none) with a stats period in seconds (null: none). */
    public static Memballoon of(String model, Integer statsPeriod) {
        XmlElement.Builder b = XmlElement.builder("memballoon").attribute("model", model);
        if (statsPeriod != null) {
            b.add(XmlElement.builder("stats").attribute("period", statsPeriod.toString()).build());
        }
        return read(b.build(), ParseContext.create());
    }

    /** virtio, virtio-transitional, virtio-non-transitional, xen or none. */
    public String model() {
        return model;
    }

    /** True unless the model is none. */
    public boolean enabled() {
        return !model.equals("none");
    }

    /** {@code autodeflate}: deflate on guest OOM. */
    public Optional<Boolean> autodeflate() {
        return Optional.ofNullable(autodeflate);
    }

    /** {@code freePageReporting}. */
    public Optional<Boolean> freePageReporting() {
        return Optional.ofNullable(freePageReporting);
    }

    /** {@code <stats period>} in seconds. */
    public OptionalInt statsPeriod() {
        return Opt.of(statsPeriod);
    }
}
