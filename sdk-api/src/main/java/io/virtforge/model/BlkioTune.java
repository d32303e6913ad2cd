package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code <blkiotune>}: the domain's block I/O share and per-host-device limits, applied by the host's
 * blkio (io) cgroup: a relative {@code <weight>} and, per host block device {@code <path>}, a weight and
 * read/write limits in operations and bytes per second.
 */
public final class BlkioTune extends XmlModel {
    static final String NAME = "blkiotune";
    static final List<String> ORDER = List.of("weight", "device");
    private final long weight;
    private final List<DeviceTune> devices;

    private BlkioTune(ElementReader r) {
        super(r.element());
        weight = r.childUlong("weight");
        devices = r.children("device", DeviceTune::read);
    }

    static BlkioTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new BlkioTune(r));
    }

    /** An empty blkiotune to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this blkiotune, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The domain's relative I/O weight (cgroup v1: 100 to 1000). */
    public OptionalInt weight() {
        return Opt.of((int) Math.min(weight, Integer.MAX_VALUE));
    }

    /** The per-host-device settings, in document order. */
    public List<DeviceTune> devices() {
        return devices;
    }

    /** {@code <device>}: the weight and limits of the domain's I/O to one host block device. */
    public static final class DeviceTune extends XmlModel {
        static final List<String> ORDER = List.of("path", "weight", "read_iops_sec", "write_iops_sec",
                "read_bytes_sec", "write_bytes_sec");
        private final String path;
        private final long weight;
        private final long readIopsSec;
        private final long writeIopsSec;
        private final long readBytesSec;
        private final long writeBytesSec;

        private DeviceTune(ElementReader r) {
            super(r.element());
            String p = r.childText("path");
            path = p == null ? null : p.trim();
            weight = r.childUlong("weight");
            readIopsSec = r.childUlong("read_iops_sec");
            writeIopsSec = r.childUlong("write_iops_sec");
            readBytesSec = r.childUlong("read_bytes_sec");
            writeBytesSec = r.childUlong("write_bytes_sec");
        }

        static DeviceTune read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new DeviceTune(r));
        }

        /** Settings for the host block device at {@code path}, e.g. {@code /dev/sda}. */
        public static DeviceBuilder builder(String path) {
            return new DeviceBuilder(XmlElement.builder("device")).path(path);
        }

        /** A builder holding these settings, untyped parts included. */
        public DeviceBuilder toBuilder() {
            return new DeviceBuilder(xml().toBuilder());
        }

        /** The host block device, e.g. {@code /dev/sda}. */
        public Optional<String> path() {
            return Optional.ofNullable(path);
        }

        /** The relative weight of the domain's I/O to this device. */
        public OptionalLong weight() {
            return Opt.of(weight);
        }

        /** Read operations per second. */
        public OptionalLong readIopsSec() {
            return Opt.of(readIopsSec);
        }

        /** Write operations per second. */
        public OptionalLong writeIopsSec() {
            return Opt.of(writeIopsSec);
        }

        /** Bytes read per second. */
        public OptionalLong readBytesSec() {
            return Opt.of(readBytesSec);
        }

        /** Bytes written per second. */
        public OptionalLong writeBytesSec() {
            return Opt.of(writeBytesSec);
        }
    }

    /** Builds or edits a {@link DeviceTune}. */
    public static final class DeviceBuilder extends ModelBuilder<DeviceBuilder, DeviceTune> {
        DeviceBuilder(XmlElement.Builder xml) {
            super(xml, DeviceTune::read, DeviceTune.ORDER);
        }

        /** Sets the host block device. */
        public DeviceBuilder path(String path) {
            return textChild("path", path);
        }

        /** Sets the weight (null removes it). */
        public DeviceBuilder weight(Long value) {
            return textChild("weight", value);
        }

        /** Sets the read operations per second (null removes it). */
        public DeviceBuilder readIopsSec(Long value) {
            return textChild("read_iops_sec", value);
        }

        /** Sets the write operations per second (null removes it). */
        public DeviceBuilder writeIopsSec(Long value) {
            return textChild("write_iops_sec", value);
        }

        /** Sets the bytes read per second (null removes it). */
        public DeviceBuilder readBytesSec(Long value) {
            return textChild("read_bytes_sec", value);
        }

        /** Sets the bytes written per second (null removes it). */
        public DeviceBuilder writeBytesSec(Long value) {
            return textChild("write_bytes_sec", value);
        }
    }

    /** Builds or edits a {@link BlkioTune}. */
    public static final class Builder extends ModelBuilder<Builder, BlkioTune> {
        Builder(XmlElement.Builder xml) {
            super(xml, BlkioTune::read, ORDER);
        }

        /** Sets the domain's weight (null removes it). */
        public Builder weight(Integer value) {
            return textChild("weight", value);
        }

        /** Replaces the per-device settings. */
        public Builder devices(List<DeviceTune> value) {
            return children("device", value);
        }
    }
}
