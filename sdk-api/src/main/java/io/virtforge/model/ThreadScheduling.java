package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <vcpusched>}, {@code <iothreadsched>} or {@code <emulatorsched>}: a scheduler policy for a
 * set of threads. {@link #threads()} is the {@code vcpus} or {@code iothreads} attribute (absent for
 * the emulator).
 */
public final class ThreadScheduling extends XmlModel {
    private final CpuSet threads;
    private final String scheduler;
    private final int priority;

    private ThreadScheduling(ElementReader r) {
        super(r.element());
        String attr = r.element().hasName("iothreadsched") ? "iothreads" : "vcpus";
        threads = r.attr(attr, CpuSet::parse);
        scheduler = r.requiredAttr("scheduler");
        priority = r.uint("priority");
    }

    static ThreadScheduling read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new ThreadScheduling(r));
    }

    /** A {@code <vcpusched>} for the given vCPUs. */
    public static ThreadScheduling vcpus(CpuSet vcpus, Scheduler scheduler, Integer priority) {
        return Models.build("vcpusched", ThreadScheduling::read, "vcpus", vcpus, "scheduler", scheduler, "priority", priority);
    }

    /** An {@code <iothreadsched>} for the given I/O threads. */
    public static ThreadScheduling iothreads(CpuSet iothreads, Scheduler scheduler, Integer priority) {
        return Models.build("iothreadsched", ThreadScheduling::read, "iothreads", iothreads, "scheduler", scheduler,
                "priority", priority);
    }

    /** An {@code <emulatorsched>}. */
    public static ThreadScheduling emulator(Scheduler scheduler, Integer priority) {
        return Models.build("emulatorsched", ThreadScheduling::read, "scheduler", scheduler, "priority", priority);
    }

    /** The vCPU or I/O thread ids this applies to; empty for the emulator. */
    public Optional<CpuSet> threads() {
        return Optional.ofNullable(threads);
    }

    /** The policy. */
    public Optional<Scheduler> scheduler() {
        return XmlEnum.lookup(Scheduler.class, scheduler);
    }

    /** The policy as written. */
    public String schedulerAsString() {
        return scheduler;
    }

    /** Real-time priority (for fifo and rr). */
    public OptionalInt priority() {
        return Opt.of(priority);
    }
}
