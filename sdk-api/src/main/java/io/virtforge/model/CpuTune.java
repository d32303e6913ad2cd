package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code <cputune>}: CPU bandwidth limits and the pinning and scheduling of vCPU, emulator and I/O
 * threads.
 */
public final class CpuTune extends XmlModel {
    static final String NAME = "cputune";
    static final List<String> ORDER = List.of("shares", "period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
            "iothreadpin", "vcpusched", "iothreadsched", "emulatorsched", "cachetune", "memorytune");

    /** The shortest period libvirt takes ({@code QEMU_SCHED_MIN_PERIOD}), in microseconds. */
    public static final long PERIOD_MIN = 1000;
    /** The longest period libvirt takes ({@code QEMU_SCHED_MAX_PERIOD}), in microseconds. */
    public static final long PERIOD_MAX = 1_000_000;
    /** The smallest positive quota libvirt takes ({@code QEMU_SCHED_MIN_QUOTA}), in microseconds. */
    public static final long QUOTA_MIN = 1000;
    /** The largest quota libvirt (and the kernel) takes ({@code QEMU_SCHED_MAX_QUOTA}), in microseconds. */
    public static final long QUOTA_MAX = 17_592_186_044_415L;

    private final long shares;
    private final long period;
    private final Long quota;
    private final long globalPeriod;
    private final Long globalQuota;
    private final long emulatorPeriod;
    private final Long emulatorQuota;
    private final long iothreadPeriod;
    private final Long iothreadQuota;
    private final List<VcpuPin> vcpuPins;
    private final CpuSet emulatorPin;
    private final List<IothreadPin> iothreadPins;
    private final List<ThreadScheduling> vcpuScheduling;
    private final List<ThreadScheduling> iothreadScheduling;
    private final ThreadScheduling emulatorScheduling;
    private final List<CacheTune> cacheTunes;
    private final List<MemoryTune> memoryTunes;

    private CpuTune(ElementReader r) {
        super(r.element());
        shares = r.childUlong("shares");
        period = r.childUlong("period");
        quota = r.childSlong("quota");
        globalPeriod = r.childUlong("global_period");
        globalQuota = r.childSlong("global_quota");
        emulatorPeriod = r.childUlong("emulator_period");
        emulatorQuota = r.childSlong("emulator_quota");
        iothreadPeriod = r.childUlong("iothread_period");
        iothreadQuota = r.childSlong("iothread_quota");
        vcpuPins = r.children(VcpuPin.NAME, VcpuPin::read);
        emulatorPin = r.childAttr("emulatorpin", "cpuset", CpuSet::parse);
        iothreadPins = r.children(IothreadPin.NAME, IothreadPin::read);
        vcpuScheduling = r.children("vcpusched", ThreadScheduling::read);
        iothreadScheduling = r.children("iothreadsched", ThreadScheduling::read);
        emulatorScheduling = r.child("emulatorsched", ThreadScheduling::read);
        cacheTunes = r.children("cachetune", CacheTune::read);
        memoryTunes = r.children("memorytune", MemoryTune::read);
    }

    static CpuTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new CpuTune(r));
    }

    /** An empty cputune to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this cputune, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** Relative CPU weight. */
    public OptionalLong shares() {
        return Opt.of(shares);
    }

    /** Bandwidth period per vCPU, in microseconds. */
    public OptionalLong period() {
        return Opt.of(period);
    }

    /** Bandwidth quota per vCPU per period, in microseconds; negative means unlimited. */
    public Optional<Long> quota() {
        return Optional.ofNullable(quota);
    }

    /** Period for the whole domain. */
    public OptionalLong globalPeriod() {
        return Opt.of(globalPeriod);
    }

    /** Quota for the whole domain. */
    public Optional<Long> globalQuota() {
        return Optional.ofNullable(globalQuota);
    }

    /** Period for the emulator threads. */
    public OptionalLong emulatorPeriod() {
        return Opt.of(emulatorPeriod);
    }

    /** Quota for the emulator threads. */
    public Optional<Long> emulatorQuota() {
        return Optional.ofNullable(emulatorQuota);
    }

    /** Period for the I/O threads. */
    public OptionalLong iothreadPeriod() {
        return Opt.of(iothreadPeriod);
    }

    /** Quota for the I/O threads. */
    public Optional<Long> iothreadQuota() {
        return Optional.ofNullable(iothreadQuota);
    }

    /** The vCPU pins, in document order. */
    public List<VcpuPin> vcpuPins() {
        return vcpuPins;
    }

    /** The pin of vCPU {@code vcpu}. */
    public Optional<VcpuPin> vcpuPin(int vcpu) {
        for (VcpuPin p : vcpuPins) {
            if (p.vcpu() == vcpu) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The host CPUs of the emulator threads. */
    public Optional<CpuSet> emulatorPin() {
        return Optional.ofNullable(emulatorPin);
    }

    /** The I/O thread pins. */
    public List<IothreadPin> iothreadPins() {
        return iothreadPins;
    }

    /** The {@code <vcpusched>} entries. */
    public List<ThreadScheduling> vcpuScheduling() {
        return vcpuScheduling;
    }

    /** The {@code <iothreadsched>} entries. */
    public List<ThreadScheduling> iothreadScheduling() {
        return iothreadScheduling;
    }

    /** The {@code <emulatorsched>}. */
    public Optional<ThreadScheduling> emulatorScheduling() {
        return Optional.ofNullable(emulatorScheduling);
    }

    /** The {@code <cachetune>} entries. */
    public List<CacheTune> cacheTunes() {
        return cacheTunes;
    }

    /** The {@code <memorytune>} entries. */
    public List<MemoryTune> memoryTunes() {
        return memoryTunes;
    }

    /** Builds or edits a {@link CpuTune}. */
    public static final class Builder extends ModelBuilder<Builder, CpuTune> {
        Builder(XmlElement.Builder xml) {
            super(xml, CpuTune::read, ORDER);
        }

        /** Sets {@code <shares>} (null removes it). */
        public Builder shares(Long value) {
            return textChild("shares", value);
        }

        /** Sets {@code <period>} in microseconds (null removes it). */
        public Builder period(Long micros) {
            return textChild("period", micros);
        }

        /** Sets {@code <quota>} in microseconds (null removes it). */
        public Builder quota(Long micros) {
            return textChild("quota", micros);
        }

        /** Sets {@code <emulator_period>} (null removes it). */
        public Builder emulatorPeriod(Long micros) {
            return textChild("emulator_period", micros);
        }

        /** Sets {@code <emulator_quota>} (null removes it). */
        public Builder emulatorQuota(Long micros) {
            return textChild("emulator_quota", micros);
        }

        /** Sets {@code <global_period>}: the period of the whole domain (null removes it). */
        public Builder globalPeriod(Long micros) {
            return textChild("global_period", micros);
        }

        /** Sets {@code <global_quota>}: the quota of the whole domain (null removes it). */
        public Builder globalQuota(Long micros) {
            return textChild("global_quota", micros);
        }

        /** Sets {@code <iothread_period>} (null removes it). */
        public Builder iothreadPeriod(Long micros) {
            return textChild("iothread_period", micros);
        }

        /** Sets {@code <iothread_quota>} (null removes it). */
        public Builder iothreadQuota(Long micros) {
            return textChild("iothread_quota", micros);
        }

        /** Pins a vCPU, replacing an existing pin of the same vCPU. */
        public Builder vcpuPin(int vcpu, CpuSet cpuset) {
            List<VcpuPin> pins = new ArrayList<>();
            boolean replaced = false;
            for (XmlElement e : xml.elements(VcpuPin.NAME)) {
                VcpuPin p = VcpuPin.read(e, ParseContext.create());
                if (p.vcpu() == vcpu) {
                    pins.add(VcpuPin.of(vcpu, cpuset));
                    replaced = true;
                } else {
                    pins.add(p);
                }
            }
            if (!replaced) {
                pins.add(VcpuPin.of(vcpu, cpuset));
            }
            return children(VcpuPin.NAME, pins);
        }

        /** Replaces all vCPU pins. */
        public Builder vcpuPins(List<VcpuPin> pins) {
            return children(VcpuPin.NAME, pins);
        }

        /** Pins the emulator threads (null removes the pin). */
        public Builder emulatorPin(CpuSet cpuset) {
            return attributeChild("emulatorpin", "cpuset", cpuset);
        }

        /** Pins an I/O thread, replacing an existing pin of the same thread. */
        public Builder iothreadPin(int iothread, CpuSet cpuset) {
            List<IothreadPin> pins = new ArrayList<>();
            for (XmlElement e : xml.elements(IothreadPin.NAME)) {
                IothreadPin p = IothreadPin.read(e, ParseContext.create());
                if (p.iothread() != iothread) {
                    pins.add(p);
                }
            }
            pins.add(IothreadPin.of(iothread, cpuset));
            pins.sort(java.util.Comparator.comparingInt(IothreadPin::iothread));
            return children(IothreadPin.NAME, pins);
        }

        /** Replaces all I/O thread pins. */
        public Builder iothreadPins(List<IothreadPin> pins) {
            return children(IothreadPin.NAME, pins);
        }

        /** Replaces the {@code <vcpusched>} entries. */
        public Builder vcpuScheduling(List<ThreadScheduling> entries) {
            return children("vcpusched", entries);
        }

        /** Replaces the {@code <iothreadsched>} entries. */
        public Builder iothreadScheduling(List<ThreadScheduling> entries) {
            return children("iothreadsched", entries);
        }

        /** Sets the {@code <emulatorsched>} (null removes it). */
        public Builder emulatorScheduling(ThreadScheduling entry) {
            return child("emulatorsched", entry);
        }
    }
}
