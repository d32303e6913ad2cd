package io.virtforge.model;

import io.virtforge.xml.XmlAttribute;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An interface's {@code <bandwidth>}: traffic shaping of what the guest receives ({@code <inbound>}) and
 * sends ({@code <outbound>}). Rates are in kilobytes per second and bursts in kilobytes, as libvirt counts
 * them ({@code virDomainSetInterfaceParameters} takes the same numbers as {@code inbound.average} and so on).
 */
public final class Bandwidth extends XmlModel {
    static final String NAME = "bandwidth";
    static final List<String> ORDER = List.of("inbound", "outbound");
    private final Limit inbound;
    private final Limit outbound;

    private Bandwidth(ElementReader r) {
        super(r.element());
        inbound = r.child("inbound", Limit::read);
        outbound = r.child("outbound", Limit::read);
    }

    static Bandwidth read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Bandwidth(r));
    }

    /** Bandwidth with the given directions (either may be null for none). */
    public static Bandwidth of(Limit inbound, Limit outbound) {
        return new Builder(XmlElement.builder(NAME)).inbound(inbound).outbound(outbound).build();
    }

    /** A builder holding this bandwidth, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** What the guest receives. */
    public Optional<Limit> inbound() {
        return Optional.ofNullable(inbound);
    }

    /** What the guest sends. */
    public Optional<Limit> outbound() {
        return Optional.ofNullable(outbound);
    }

    /** The limit's element under another name: one {@link Limit} serves either direction. */
    private static XmlElement named(String name, Limit limit) {
        XmlElement.Builder b = XmlElement.builder(name);
        for (XmlAttribute a : limit.xml().attributes()) {
            b.attribute(a.name(), a.value());
        }
        for (XmlNode n : limit.xml().children()) {
            b.add(n);
        }
        return b.build();
    }

    /** Builds or edits a {@link Bandwidth}. */
    public static final class Builder extends ModelBuilder<Builder, Bandwidth> {
        Builder(XmlElement.Builder xml) {
            super(xml, Bandwidth::read, ORDER);
        }

        /** Sets the inbound limit (null removes it). */
        public Builder inbound(Limit value) {
            return value == null ? child("inbound", null) : element(named("inbound", value));
        }

        /** Sets the outbound limit (null removes it). */
        public Builder outbound(Limit value) {
            return value == null ? child("outbound", null) : element(named("outbound", value));
        }
    }

    /**
     * {@code <inbound average peak burst floor/>} or {@code <outbound .../>}: a sustained rate, a peak rate
     * and the kilobytes that may pass at peak rate; {@code floor} (inbound only, interfaces on a libvirt
     * network with QoS) is a guaranteed minimum.
     */
    public static final class Limit extends XmlModel {
        private final long average;
        private final long peak;
        private final long burst;
        private final long floor;

        private Limit(ElementReader r) {
            super(r.element());
            average = r.ulong("average");
            peak = r.ulong("peak");
            burst = r.ulong("burst");
            floor = r.ulong("floor");
        }

        static Limit read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Limit(r));
        }

        /** An empty limit to fill (its element name is set by where it is put). */
        public static LimitBuilder builder() {
            return new LimitBuilder(XmlElement.builder("inbound"));
        }

        /** A builder holding this limit, untyped parts included. */
        public LimitBuilder toBuilder() {
            return new LimitBuilder(xml().toBuilder());
        }

        /** The sustained rate, in kilobytes per second. */
        public OptionalLong average() {
            return Opt.of(average);
        }

        /** The peak rate, in kilobytes per second. */
        public OptionalLong peak() {
            return Opt.of(peak);
        }

        /** How many kilobytes may pass at peak rate. */
        public OptionalLong burst() {
            return Opt.of(burst);
        }

        /** The guaranteed minimum rate, in kilobytes per second (inbound only). */
        public OptionalLong floor() {
            return Opt.of(floor);
        }
    }

    /** Builds or edits a {@link Limit}. */
    public static final class LimitBuilder extends ModelBuilder<LimitBuilder, Limit> {
        LimitBuilder(XmlElement.Builder xml) {
            super(xml, Limit::read, List.of());
        }

        /** Sets the sustained rate in kilobytes per second (null removes it). */
        public LimitBuilder average(Long kbPerSecond) {
            return attribute("average", kbPerSecond);
        }

        /** Sets the peak rate in kilobytes per second (null removes it). */
        public LimitBuilder peak(Long kbPerSecond) {
            return attribute("peak", kbPerSecond);
        }

        /** Sets the burst in kilobytes (null removes it). */
        public LimitBuilder burst(Long kilobytes) {
            return attribute("burst", kilobytes);
        }

        /** Sets the guaranteed minimum in kilobytes per second (null removes it). */
        public LimitBuilder floor(Long kbPerSecond) {
            return attribute("floor", kbPerSecond);
        }
    }
}
