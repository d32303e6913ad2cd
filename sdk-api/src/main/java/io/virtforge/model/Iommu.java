package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <iommu model>}: a guest IOMMU (intel, smmuv3, virtio) and its driver options. */
public final class Iommu extends Device {
    private final String model;
    private final Boolean intremap;
    private final Boolean cachingMode;
    private final Boolean eim;
    private final Boolean iotlb;
    private final int awBits;

    private Iommu(ElementReader r) {
        super(r);
        model = r.requiredAttr("model");
        ElementReader d = r.sub("driver");
        intremap = d.bool("intremap");
        cachingMode = d.bool("caching_mode");
        eim = d.bool("eim");
        iotlb = d.bool("iotlb");
        awBits = d.uint("aw_bits");
        d.done();
    }

    static Iommu read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Iommu(r));
    }

    /** intel, smmuv3 or virtio. */
    public String model() {
        return model;
    }

    /** Interrupt remapping. */
    public Optional<Boolean> intremap() {
        return Optional.ofNullable(intremap);
    }

    /** Caching mode (needed for VFIO devices behind a guest IOMMU). */
    public Optional<Boolean> cachingMode() {
        return Optional.ofNullable(cachingMode);
    }

    /** Extended interrupt mode. */
    public Optional<Boolean> eim() {
        return Optional.ofNullable(eim);
    }

    /** Device IOTLB. */
    public Optional<Boolean> iotlb() {
        return Optional.ofNullable(iotlb);
    }

    /** Address width in bits. */
    public OptionalInt awBits() {
        return Opt.of(awBits);
    }
}
