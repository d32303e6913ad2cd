package io.virtforge.fake.libvirt;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.MemoryStats;
import io.virtforge.connect.Scope;
import io.virtforge.connect.UndefineOption;
import io.virtforge.connect.VcpuInfo;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Device;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A handle on a domain of a {@link FakeVirtConnection}, by UUID as libvirt's handles are: when the domain
 * is gone every call throws {@link io.virtforge.connect.NotFoundException}; a domain created again with
 * the same UUID is reachable again. Lifecycle calls are here; live changes are {@link DomainTuning}'s and
 * statistics {@link StatsReader}'s.
 */
final class FakeDomain implements VirtDomain {
    private final FakeState state;
    private final UUID uuid;
    private final String name;

    FakeDomain(FakeState state, UUID uuid, String name) {
        this.state = state;
        this.uuid = uuid;
        this.name = name;
    }

    private DomainEntry entry(String operation) {
        state.call(operation);
        return state.entry(uuid, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public DomainState state() {
        synchronized (state.host) {
            return entry("state").state;
        }
    }

    @Override
    public boolean persistent() {
        synchronized (state.host) {
            return entry("persistent").persistent;
        }
    }

    @Override
    public Domain definition() {
        synchronized (state.host) {
            return entry("definition").definition();
        }
    }

    @Override
    public Domain live() {
        synchronized (state.host) {
            return entry("live").current();
        }
    }

    @Override
    public void start() {
        synchronized (state.host) {
            DomainEntry e = entry("start");
            if (e.active()) {
                throw FakeErrors.alreadyRunning(name);
            }
            state.start(e, e.config);
        }
    }

    /**
     * The guest shuts down at once, unless {@link FakeGuests#ignoreShutdown} made it ignore the request: then
     * it is destroyed and this returns false (without waiting for the timeout).
     */
    @Override
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        synchronized (state.host) {
            DomainEntry e = entry("shutdown");
            if (!e.active()) {
                throw FakeErrors.shutdownNotRunning(name);
            }
            if (e.state == DomainState.PAUSED) {
                throw FakeErrors.shutdownPaused(name); // QEMU; the test driver shuts a paused domain off
            }
            boolean obeys = !state.guests.ignoringShutdown.contains(name);
            state.stop(e, obeys ? LifecycleDetail.STOPPED_SHUTDOWN : LifecycleDetail.STOPPED_DESTROYED);
            return obeys;
        }
    }

    @Override
    public void destroy() {
        synchronized (state.host) {
            DomainEntry e = entry("destroy");
            if (!e.active()) {
                throw FakeErrors.notRunning(name);
            }
            state.stop(e, LifecycleDetail.STOPPED_DESTROYED);
        }
    }

    /** No lifecycle event, as libvirt 9.0's test driver (QEMU sends a separate reboot event). */
    @Override
    public void reboot() {
        synchronized (state.host) {
            DomainEntry e = entry("reboot");
            if (!e.active()) {
                throw FakeErrors.notRunning(name);
            }
        }
    }

    @Override
    public void suspend() {
        synchronized (state.host) {
            DomainEntry e = entry("suspend");
            if (e.state == DomainState.PAUSED) {
                return; // QEMU: suspending a paused domain succeeds and changes nothing (the test driver refuses)
            }
            if (e.state != DomainState.RUNNING) {
                throw FakeErrors.notRunning(name);
            }
            e.runtime.running(state.now(), false);
            e.state = DomainState.PAUSED;
            e.reason = 1; // VIR_DOMAIN_PAUSED_USER
            state.publish(e, LifecycleEvent.Type.SUSPENDED, LifecycleDetail.SUSPENDED_PAUSED);
        }
    }

    @Override
    public void resume() {
        synchronized (state.host) {
            DomainEntry e = entry("resume");
            if (e.state != DomainState.PAUSED) {
                throw e.active() ? FakeErrors.alreadyRunning(name) : FakeErrors.notRunning(name);
            }
            e.runtime.running(state.now(), true);
            e.state = DomainState.RUNNING;
            e.reason = 3; // VIR_DOMAIN_RUNNING_UNPAUSED
            state.publish(e, LifecycleEvent.Type.RESUMED, LifecycleDetail.RESUMED_UNPAUSED);
        }
    }

    /** The options do not matter to the fake (it keeps no NVRAM, managed-save images or snapshots). */
    @Override
    public void undefine(UndefineOption... options) {
        synchronized (state.host) {
            DomainEntry e = entry("undefine");
            if (!e.persistent) {
                throw FakeErrors.transientUndefine(name);
            }
            e.persistent = false;
            e.config = null;
            if (!e.active()) {
                state.table.remove(e);
            }
            state.publish(e, LifecycleEvent.Type.UNDEFINED, LifecycleDetail.UNDEFINED_REMOVED);
        }
    }

    // ---- live changes

    @Override
    public void attachDevice(Device device, Scope scope) {
        DomainTuning.attach(state, uuid, name, device, scope);
    }

    @Override
    public void detachDevice(Device device, Scope scope) {
        DomainTuning.detach(state, uuid, name, device, scope);
    }

    @Override
    public void updateDevice(Device device, Scope scope) {
        DomainTuning.update(state, uuid, name, device, scope);
    }

    @Override
    public void pinVcpu(int vcpu, CpuSet hostCpus, Scope scope) {
        DomainTuning.edit(state, uuid, name, "pinVcpu", scope, (e, d, live) -> {
            if (live) {
                state.resources.checkCpus(d, e.id, "vcpu" + vcpu, hostCpus);
            }
            return DomainEdits.pinVcpu(d, vcpu, hostCpus, live);
        });
    }

    @Override
    public void pinEmulator(CpuSet hostCpus, Scope scope) {
        DomainTuning.edit(state, uuid, name, "pinEmulator", scope, (e, d, live) -> {
            if (live && !state.resources.base().allCpus().containsAll(hostCpus)) {
                throw FakeErrors.emulatorCpusUnavailable(name, hostCpus.format()); // QEMU's live answer differs from start's
            }
            return DomainEdits.pinEmulator(d, hostCpus);
        });
    }

    @Override
    public void pinIothread(int iothread, CpuSet hostCpus, Scope scope) {
        DomainTuning.edit(state, uuid, name, "pinIothread", scope, (e, d, live) -> {
            Domain changed = DomainEdits.pinIothread(d, iothread, hostCpus);
            if (live && !state.resources.base().allCpus().containsAll(hostCpus)) {
                throw FakeErrors.iothreadCpusUnavailable(name, iothread, hostCpus.format()); // QEMU: not the cgroup's 38
            }
            return changed;
        });
    }

    @Override
    public void setMemory(DataSize size, Scope scope) {
        DomainTuning.edit(state, uuid, name, "setMemory", scope, (e, d, live) -> {
            if (live && d.devices().memballoon().map(b -> !b.enabled()).orElse(false)) {
                throw FakeErrors.noBalloon(name);
            }
            return DomainEdits.setMemory(d, size);
        });
    }

    @Override
    public void setNumaTune(NumaMode mode, NodeSet nodes, Scope scope) {
        DomainTuning.setNumaTune(state, uuid, name, mode, nodes, scope);
    }

    @Override
    public io.virtforge.connect.DomainQos qos() {
        return new QosSettings(state, uuid, name);
    }

    // ---- migration

    /**
     * The current definition without what the hypervisor added for itself (ids, tap devices, aliases), as
     * libvirt's {@code VIR_DOMAIN_XML_MIGRATABLE} gives it, for a shut-off domain too.
     */
    @Override
    public Domain migratable() {
        synchronized (state.host) {
            return LiveXml.inactive(entry("migratable").current());
        }
    }

    /** To another fake host only; see {@link FakeMigration}. */
    @Override
    public io.virtforge.connect.MigrationResult migrate(io.virtforge.connect.VirtConnection destination,
            io.virtforge.connect.MigrationOptions options) {
        return FakeMigration.migrate(state, uuid, name, destination, options);
    }

    /** The fake's migrations are instant: there is never a job to abort. */
    @Override
    public void abortJob() {
        synchronized (state.host) {
            entry("abortJob");
            throw FakeErrors.noJob(name);
        }
    }

    // ---- read-back

    @Override
    public java.util.Map<Integer, CpuSet> vcpuPins() {
        synchronized (state.host) {
            return PinReadback.vcpus(entry("vcpuPins").current(), state.resources.topology());
        }
    }

    @Override
    public CpuSet emulatorPin() {
        synchronized (state.host) {
            return PinReadback.emulator(entry("emulatorPin").current(), state.resources.topology());
        }
    }

    @Override
    public java.util.Map<Integer, CpuSet> iothreadPins() {
        synchronized (state.host) {
            return PinReadback.iothreads(entry("iothreadPins").current(), state.resources.topology());
        }
    }

    @Override
    public io.virtforge.connect.NumaPolicy numaTune() {
        synchronized (state.host) {
            return PinReadback.numa(entry("numaTune").current());
        }
    }

    // ---- statistics

    @Override
    public long cpuTime() {
        synchronized (state.host) {
            return StatsReader.cpuTime(state, entry("cpuTime"));
        }
    }

    @Override
    public List<VcpuInfo> vcpus() {
        synchronized (state.host) {
            return StatsReader.vcpus(state, entry("vcpus"));
        }
    }

    @Override
    public MemoryStats memoryStats() {
        synchronized (state.host) {
            return StatsReader.memory(state, entry("memoryStats"));
        }
    }

    @Override
    public BlockStats blockStats(String disk) {
        synchronized (state.host) {
            return StatsReader.block(state, entry("blockStats"), disk);
        }
    }

    @Override
    public InterfaceStats interfaceStats(String device) {
        synchronized (state.host) {
            return StatsReader.nic(state, entry("interfaceStats"), device);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeDomain d && d.uuid.equals(uuid) && d.state == state;
    }

    @Override
    public int hashCode() {
        return uuid.hashCode();
    }

    @Override
    public String toString() {
        return "FakeDomain[" + name + " " + uuid + "]";
    }
}
