package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/** {@code <clock offset>} and its timers. */
public final class Clock extends XmlModel {
    static final String NAME = "clock";
    private final String offset;
    private final String timezone;
    private final String adjustment;
    private final String basis;
    private final List<Timer> timers;

    private Clock(ElementReader r) {
        super(r.element());
        offset = r.attr("offset");
        timezone = r.attr("timezone");
        adjustment = r.attr("adjustment");
        basis = r.attr("basis");
        timers = r.children("timer", Timer::read);
    }

    static Clock read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Clock(r));
    }

    /** A clock with the given offset (utc, localtime, timezone, variable) and timers. */
    public static Clock of(String offset, List<Timer> timers) {
        XmlElement.Builder b = XmlElement.builder(NAME).attribute("offset", offset);
        timers.forEach(t -> b.add(t.xml()));
        return read(b.build(), ParseContext.create());
    }

    /** utc, localtime, timezone or variable. */
    public Optional<String> offset() {
        return Optional.ofNullable(offset);
    }

    /** The timezone (offset timezone). */
    public Optional<String> timezone() {
        return Optional.ofNullable(timezone);
    }

    /** The adjustment in seconds, or reset (offset variable, utc, localtime). */
    public Optional<String> adjustment() {
        return Optional.ofNullable(adjustment);
    }

    /** utc or localtime (offset variable). */
    public Optional<String> basis() {
        return Optional.ofNullable(basis);
    }

    /** The timers. */
    public List<Timer> timers() {
        return timers;
    }

    /** {@code <timer name tickpolicy present track frequency mode/>}. */
    public static final class Timer extends XmlModel {
        private final String name;
        private final Boolean present;
        private final String tickPolicy;
        private final String track;
        private final long frequency;
        private final String mode;

        private Timer(ElementReader r) {
            super(r.element());
            name = r.requiredAttr("name");
            present = r.bool("present");
            tickPolicy = r.attr("tickpolicy");
            track = r.attr("track");
            frequency = r.ulong("frequency");
            mode = r.attr("mode");
        }

        static Timer read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Timer(r));
        }

        /** A timer with a tick policy (null: none) and presence (null: unstated). */
        public static Timer of(String name, String tickPolicy, Boolean present) {
            return Models.build("timer", Timer::read, "name", name, "tickpolicy", tickPolicy, "present", present);
        }

        /** rtc, pit, hpet, kvmclock, hypervclock, tsc, platform, armvtimer. */
        public String name() {
            return name;
        }

        /** {@code present}. */
        public Optional<Boolean> present() {
            return Optional.ofNullable(present);
        }

        /** delay, catchup, merge, discard. */
        public Optional<String> tickPolicy() {
            return Optional.ofNullable(tickPolicy);
        }

        /** boot, guest, wall, realtime (rtc). */
        public Optional<String> track() {
            return Optional.ofNullable(track);
        }

        /** Frequency in Hz (tsc). */
        public java.util.OptionalLong frequency() {
            return Opt.of(frequency);
        }

        /** auto, native, emulate, paravirt, smpsafe (tsc). */
        public Optional<String> mode() {
            return Optional.ofNullable(mode);
        }
    }
}
