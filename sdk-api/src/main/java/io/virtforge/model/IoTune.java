package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A disk's {@code <iotune>}: QEMU's throttling of one disk (or of a group of disks sharing
 * {@code group_name}). Each of the six {@link Limit}s has a sustained rate ({@code total_bytes_sec}), a burst
 * rate ({@code total_bytes_sec_max}) and how long the burst may last in seconds
 * ({@code total_bytes_sec_max_length}); {@code size_iops_sec} sets how many bytes count as one I/O operation.
 * The element names are also the names of libvirt's {@code virDomainSetBlockIoTune} parameters. libvirt
 * writes no element for 0 (no limit).
 */
public final class IoTune extends XmlModel {
    static final String NAME = "iotune";
    static final List<String> ORDER = order();
    private static final int LIMITS = Limit.values().length;
    /** Rates, then bursts, then burst lengths, by {@link Limit#ordinal()}; -1 where absent. */
    private final long[] values = new long[LIMITS * 3];
    private final long sizeIopsSec;
    private final String groupName;

    /** What a limit counts: bytes or operations, in total or of one direction. */
    public enum Limit {
        /** Bytes per second, reads and writes together. */
        TOTAL_BYTES_SEC("total_bytes_sec"),
        /** Bytes read per second. */
        READ_BYTES_SEC("read_bytes_sec"),
        /** Bytes written per second. */
        WRITE_BYTES_SEC("write_bytes_sec"),
        /** I/O operations per second, reads and writes together. */
        TOTAL_IOPS_SEC("total_iops_sec"),
        /** Read operations per second. */
        READ_IOPS_SEC("read_iops_sec"),
        /** Write operations per second. */
        WRITE_IOPS_SEC("write_iops_sec");

        private final String xmlName;

        Limit(String xmlName) {
            this.xmlName = xmlName;
        }

        /** The element (and libvirt parameter) of the sustained rate, e.g. {@code read_iops_sec}. */
        public String xmlName() {
            return xmlName;
        }

        /** The element of the burst rate, e.g. {@code read_iops_sec_max}. */
        public String burstName() {
            return xmlName + "_max";
        }

        /** The element of the burst's length in seconds, e.g. {@code read_iops_sec_max_length}. */
        public String burstLengthName() {
            return xmlName + "_max_length";
        }

        /** True for a limit in bytes, false for one in operations. */
        public boolean bytes() {
            return xmlName.contains("bytes");
        }

        /** True for the limits of reads and writes together. */
        public boolean total() {
            return xmlName.startsWith("total");
        }
    }

    private static List<String> order() {
        List<String> names = new ArrayList<>();
        for (Limit l : Limit.values()) {
            names.add(l.xmlName());
        }
        for (Limit l : Limit.values()) {
            names.add(l.burstName());
        }
        names.add("size_iops_sec");
        names.add("group_name");
        for (Limit l : Limit.values()) {
            names.add(l.burstLengthName());
        }
        return List.copyOf(names); // libvirt's virDomainDiskDefIotuneFormat order
    }

    private IoTune(ElementReader r) {
        super(r.element());
        Arrays.fill(values, -1);
        for (Limit l : Limit.values()) {
            values[l.ordinal()] = r.childUlong(l.xmlName());
            values[LIMITS + l.ordinal()] = r.childUlong(l.burstName());
            values[2 * LIMITS + l.ordinal()] = r.childUlong(l.burstLengthName());
        }
        sizeIopsSec = r.childUlong("size_iops_sec");
        groupName = r.childText("group_name");
    }

    static IoTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new IoTune(r));
    }

    /** An empty iotune to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this iotune, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The sustained rate of a limit (bytes or operations per second). */
    public OptionalLong rate(Limit limit) {
        return Opt.of(values[limit.ordinal()]);
    }

    /** The burst rate of a limit ({@code ..._max}). */
    public OptionalLong burst(Limit limit) {
        return Opt.of(values[LIMITS + limit.ordinal()]);
    }

    /** How many seconds the burst rate may last ({@code ..._max_length}). */
    public OptionalLong burstLength(Limit limit) {
        return Opt.of(values[2 * LIMITS + limit.ordinal()]);
    }

    /** {@code size_iops_sec}: bytes that count as one operation for the IOPS limits. */
    public OptionalLong sizeIopsSec() {
        return Opt.of(sizeIopsSec);
    }

    /** {@code group_name}: disks with the same group share one set of limits. */
    public Optional<String> groupName() {
        return Optional.ofNullable(groupName);
    }

    /** True when no value is set. */
    public boolean isEmpty() {
        return Arrays.stream(values).allMatch(v -> v < 0) && sizeIopsSec < 0 && groupName == null;
    }

    /** Builds or edits an {@link IoTune}. */
    public static final class Builder extends ModelBuilder<Builder, IoTune> {
        Builder(XmlElement.Builder xml) {
            super(xml, IoTune::read, ORDER);
        }

        /** Sets a sustained rate; 0 means no limit, null removes the element. */
        public Builder rate(Limit limit, Long perSecond) {
            return textChild(limit.xmlName(), perSecond);
        }

        /** Sets a burst rate ({@code ..._max}); null removes it. */
        public Builder burst(Limit limit, Long perSecond) {
            return textChild(limit.burstName(), perSecond);
        }

        /** Sets how many seconds the burst may last ({@code ..._max_length}); null removes it. */
        public Builder burstLength(Limit limit, Long seconds) {
            return textChild(limit.burstLengthName(), seconds);
        }

        /** Sets {@code size_iops_sec} (null removes it). */
        public Builder sizeIopsSec(Long bytes) {
            return textChild("size_iops_sec", bytes);
        }

        /** Sets {@code group_name} (null removes it). */
        public Builder groupName(String name) {
            return textChild("group_name", name);
        }
    }
}
