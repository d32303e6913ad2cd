package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.OptionalInt;

/** {@code <iothread id thread_pool_min thread_pool_max/>} inside {@code <iothreadids>}. */
public final class IothreadId extends XmlModel {
    private final int id;
    private final int threadPoolMin;
    private final int threadPoolMax;

    private IothreadId(ElementReader r) {
        super(r.element());
        id = r.requiredUint("id");
        threadPoolMin = r.uint("thread_pool_min");
        threadPoolMax = r.uint("thread_pool_max");
    }

    static IothreadId read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new IothreadId(r));
    }

    /** I/O thread {@code id}. */
    public static IothreadId of(int id) {
        return Models.build("iothread", IothreadId::read, "id", id);
    }

    /** The I/O thread id (from 1). */
    public int id() {
        return id;
    }

    /** Minimum worker threads. */
    public OptionalInt threadPoolMin() {
        return Opt.of(threadPoolMin);
    }

    /** Maximum worker threads. */
    public OptionalInt threadPoolMax() {
        return Opt.of(threadPoolMax);
    }
}
