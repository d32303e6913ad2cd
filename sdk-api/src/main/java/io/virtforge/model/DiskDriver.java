package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <driver name type cache io discard iothread queues detect_zeroes/>} of a disk: the image
 * format and the I/O tuning.
 */
public final class DiskDriver extends XmlModel {
    private final String name;
    private final String type;
    private final String cache;
    private final String io;
    private final String discard;
    private final int iothread;
    private final int queues;
    private final String detectZeroes;

    private DiskDriver(ElementReader r) {
        super(r.element());
        name = r.attr("name");
        type = r.attr("type");
        cache = r.attr("cache");
        io = r.attr("io");
        discard = r.attr("discard");
        iothread = r.uint("iothread");
        queues = r.uint("queues");
        detectZeroes = r.attr("detect_zeroes");
    }

    static DiskDriver read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new DiskDriver(r));
    }

    /** A QEMU driver for the given image format (raw, qcow2...). */
    public static Builder builder(String format) {
        return new Builder(XmlElement.builder("driver")).name("qemu").type(format);
    }

    /** A builder holding this driver, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The backend: qemu (or tap, phy... for Xen). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The image format: raw, qcow2... */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The cache mode. */
    public Optional<CacheMode> cache() {
        return XmlEnum.lookup(CacheMode.class, cache);
    }

    /** The cache mode as written. */
    public Optional<String> cacheAsString() {
        return Optional.ofNullable(cache);
    }

    /** The I/O mode. */
    public Optional<IoMode> io() {
        return XmlEnum.lookup(IoMode.class, io);
    }

    /** The I/O mode as written. */
    public Optional<String> ioAsString() {
        return Optional.ofNullable(io);
    }

    /** The discard mode. */
    public Optional<DiscardMode> discard() {
        return XmlEnum.lookup(DiscardMode.class, discard);
    }

    /** The I/O thread serving this disk. */
    public OptionalInt iothread() {
        return Opt.of(iothread);
    }

    /** virtio-blk queues. */
    public OptionalInt queues() {
        return Opt.of(queues);
    }

    /** Zero detection. */
    public Optional<DetectZeroes> detectZeroes() {
        return XmlEnum.lookup(DetectZeroes.class, detectZeroes);
    }

    /** Builds or edits a {@link DiskDriver}. */
    public static final class Builder extends ModelBuilder<Builder, DiskDriver> {
        Builder(XmlElement.Builder xml) {
            super(xml, DiskDriver::read, java.util.List.of());
        }

        /** Sets {@code name} (null removes it). */
        public Builder name(String value) {
            return attribute("name", value);
        }

        /** Sets the image format (null removes it). */
        public Builder type(String format) {
            return attribute("type", format);
        }

        /** Sets the cache mode (null removes it). */
        public Builder cache(CacheMode mode) {
            return attribute("cache", mode);
        }

        /** Sets the I/O mode (null removes it). */
        public Builder io(IoMode mode) {
            return attribute("io", mode);
        }

        /** Sets the discard mode (null removes it). */
        public Builder discard(DiscardMode mode) {
            return attribute("discard", mode);
        }

        /** Sets the serving I/O thread (null removes it). */
        public Builder iothread(Integer id) {
            return attribute("iothread", id);
        }

        /** Sets virtio-blk queues (null removes it). */
        public Builder queues(Integer n) {
            return attribute("queues", n);
        }

        /** Sets zero detection (null removes it). */
        public Builder detectZeroes(DetectZeroes mode) {
            return attribute("detect_zeroes", mode);
        }
    }
}
