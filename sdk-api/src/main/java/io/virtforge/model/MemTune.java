package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/** {@code <memtune>}: host memory limits of the domain (cgroups). */
public final class MemTune extends XmlModel {
    static final String NAME = "memtune";
    static final List<String> ORDER = List.of("hard_limit", "soft_limit", "swap_hard_limit", "min_guarantee");
    private final DataSize hardLimit;
    private final DataSize softLimit;
    private final DataSize swapHardLimit;
    private final DataSize minGuarantee;

    private MemTune(ElementReader r) {
        super(r.element());
        hardLimit = r.childSize("hard_limit", DataUnit.KIB);
        softLimit = r.childSize("soft_limit", DataUnit.KIB);
        swapHardLimit = r.childSize("swap_hard_limit", DataUnit.KIB);
        minGuarantee = r.childSize("min_guarantee", DataUnit.KIB);
    }

    static MemTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new MemTune(r));
    }

    /** An empty memtune to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this memtune, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The most host memory the domain may use. */
    public Optional<DataSize> hardLimit() {
        return Optional.ofNullable(hardLimit);
    }

    /** The limit under memory contention. */
    public Optional<DataSize> softLimit() {
        return Optional.ofNullable(softLimit);
    }

    /** Memory plus swap limit. */
    public Optional<DataSize> swapHardLimit() {
        return Optional.ofNullable(swapHardLimit);
    }

    /** Guaranteed minimum. */
    public Optional<DataSize> minGuarantee() {
        return Optional.ofNullable(minGuarantee);
    }

    /** Builds or edits a {@link MemTune}. */
    public static final class Builder extends ModelBuilder<Builder, MemTune> {
        Builder(XmlElement.Builder xml) {
            super(xml, MemTune::read, ORDER);
        }

        /** Sets {@code <hard_limit>} (null removes it). */
        public Builder hardLimit(DataSize size) {
            return sizeChild("hard_limit", size);
        }

        /** Sets {@code <soft_limit>} (null removes it). */
        public Builder softLimit(DataSize size) {
            return sizeChild("soft_limit", size);
        }

        /** Sets {@code <swap_hard_limit>} (null removes it). */
        public Builder swapHardLimit(DataSize size) {
            return sizeChild("swap_hard_limit", size);
        }

        /** Sets {@code <min_guarantee>} (null removes it). */
        public Builder minGuarantee(DataSize size) {
            return sizeChild("min_guarantee", size);
        }
    }
}
