package io.virtforge.libvirt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The libvirt-java domain objects that {@code define} and {@code create} got from libvirt and handed to the
 * new {@link LibvirtDomain} for its first call, so that call needs no lookup by UUID (most of the SDK's
 * overhead on a define followed by an undefine). Each object sits in a slot that exactly one party empties:
 * the handle's first call, eviction when more than {@code capacity} wait, or {@link #releaseAll} before the
 * native connection is closed or replaced. Whoever empties a slot owns the object and frees it, so an object
 * is never used after it was freed, nor freed twice.
 */
final class HandedOverPointers {
    private final int capacity;
    private final Consumer<org.libvirt.Domain> release;
    private final ArrayDeque<AtomicReference<org.libvirt.Domain>> slots = new ArrayDeque<>(); // guarded by this

    HandedOverPointers(int capacity, Consumer<org.libvirt.Domain> release) {
        this.capacity = capacity;
        this.release = release;
    }

    /** Keeps {@code dom} in a new slot for its handle; frees the oldest waiting one beyond the capacity. */
    AtomicReference<org.libvirt.Domain> hold(org.libvirt.Domain dom) {
        AtomicReference<org.libvirt.Domain> slot = new AtomicReference<>(dom);
        AtomicReference<org.libvirt.Domain> evicted = null;
        synchronized (this) {
            slots.addLast(slot);
            if (slots.size() > capacity) {
                evicted = slots.pollFirst();
            }
        }
        if (evicted != null) {
            free(evicted);
        }
        return slot;
    }

    /** Frees every object still waiting (before the native connection they belong to goes away). */
    void releaseAll() {
        List<AtomicReference<org.libvirt.Domain>> all;
        synchronized (this) {
            all = new ArrayList<>(slots);
            slots.clear();
        }
        all.forEach(this::free);
    }

    private void free(AtomicReference<org.libvirt.Domain> slot) {
        org.libvirt.Domain dom = slot.getAndSet(null);
        if (dom != null) {
            release.accept(dom);
        }
    }
}
