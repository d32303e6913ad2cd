package io.virtforge.fake.host;

import static io.virtforge.fake.host.HostFixtures.EXISTING_MDEV;
import static io.virtforge.fake.host.HostFixtures.VGPU0;
import static io.virtforge.fake.host.HostFixtures.VGPU1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.mdev.MdevManager;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.mdev.MdevRefusal;
import io.virtforge.host.mdev.MdevRefusedException;
import io.virtforge.host.pci.HostLock;
import io.virtforge.host.pci.HostLockTimeoutException;
import io.virtforge.host.pci.VfioOptions;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsWriteException;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mediated devices on the fake kernel: discovery, the kernel's answers, create and remove as transactions. */
class MdevTest {
    private static final UUID NEW = UUID.fromString("0b3c6e0a-7a4e-4f7e-9a55-1c2d3e4f5a6b");
    private static final String P0 = VGPU0.format();
    private static final String P1 = VGPU1.format();

    @TempDir
    Path dir;

    private MdevManager manager(Sysfs sysfs) {
        return new MdevManager(sysfs, VfioOptions.defaults().withLockFile(dir.resolve("vfio.lock")));
    }

    @Test
    void readsParentsTypesAndInstances() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        MdevReader reader = new MdevReader(sysfs);
        List<MdevParent> parents = reader.parents();
        assertThat(parents).extracting(MdevParent::device).containsExactly(P0, P1);
        MdevParent p0 = parents.get(0);
        assertThat(p0.numaNode()).hasValue(0);
        assertThat(p0.types()).extracting(MdevType::id, MdevType::availableInstances)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nvidia-63", 3),
                        org.assertj.core.groups.Tuple.tuple("nvidia-64", 2));
        MdevType t = p0.type("nvidia-63").orElseThrow();
        assertThat(t.name()).hasValue("GRID P4-1Q");
        assertThat(t.description()).hasValueSatisfying(d -> assertThat(d).contains("framebuffer"));
        assertThat(t.deviceApi()).isEqualTo("vfio-pci");
        assertThat(reader.instances()).containsExactly(new MdevInstance(UUID.fromString(EXISTING_MDEV), "nvidia-63",
                P0, OptionalInt.of(0)));
        assertThat(parents.get(1).numaNode()).hasValue(1);
    }

    @Test
    void discoveryPutsThemInTheTopology() {
        HostTopology h = new HostDiscovery(HostFixtures.vgpuServer()).topology();
        assertThat(h.mdevParents()).extracting(MdevParent::device).containsExactly(P0, P1);
        assertThat(h.mdevInstance(UUID.fromString(EXISTING_MDEV)).orElseThrow().parent()).isEqualTo(P0);
        assertThat(new HostDiscovery(HostFixtures.gpuServer()).topology().mdevParents()).isEmpty();
        assertThat(new MdevReader(FakeSysfs.empty()).instances()).isEmpty();
    }

    @Test
    void theHostsJsonPictureShowsThemAndTheKvmFacts() {
        String json = io.virtforge.host.HostJson.of(HostFixtures.vgpuServer());
        assertThat(json).contains("\"kvm\":{\"vendor\":\"INTEL\",\"moduleLoaded\":true,\"nested\":true,"
                + "\"deviceUsable\":true}");
        assertThat(json).contains("\"mdevParents\":[{\"device\":\"0000:3b:00.0\",\"numaNode\":0,\"types\":["
                + "{\"id\":\"nvidia-63\",\"name\":\"GRID P4-1Q\",\"deviceApi\":\"vfio-pci\",\"availableInstances\":3}");
        assertThat(json).contains("\"mdevInstances\":[{\"uuid\":\"" + EXISTING_MDEV + "\",\"type\":\"nvidia-63\","
                + "\"parent\":\"0000:3b:00.0\"}]");
    }

    @Test
    void createsAndRemovesAnInstanceAndTheHostIsAsBefore() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        SysfsSnapshot start = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        MdevInstance made = manager(sysfs).create(P1, "nvidia-63", NEW);
        assertThat(made).isEqualTo(new MdevInstance(NEW, "nvidia-63", P1, OptionalInt.of(1)));
        assertThat(sysfs.writeLog().all()).extracting(Object::toString)
                .containsExactly(MdevPaths.create(P1, "nvidia-63") + " <- '" + NEW + "'");
        assertThat(sysfs.readTrimmed(MdevPaths.availableInstances(P1, "nvidia-63"))).isEqualTo("3");
        assertThat(sysfs.readLinkName(MdevPaths.instanceType(NEW))).isEqualTo("nvidia-63");
        assertThat(sysfs.list(MdevPaths.type(P1, "nvidia-63").resolve("devices"))).containsExactly(NEW.toString());
        manager(sysfs).remove(NEW);
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(start);
    }

    @Test
    void aRandomUuidWhenNoneIsGiven() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        MdevInstance made = manager(sysfs).create(P0, "nvidia-64");
        assertThat(new MdevReader(sysfs).instance(made.uuid())).contains(made);
    }

    @Test
    void refusesBeforeWriting() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        MdevManager m = manager(sysfs);
        assertThat(refusal(() -> m.create("0000:99:00.0", "nvidia-63", NEW))).isEqualTo(MdevRefusal.NO_SUCH_PARENT);
        assertThat(refusal(() -> m.create(P1, "nvidia-64", NEW))).isEqualTo(MdevRefusal.NO_SUCH_TYPE);
        assertThat(refusal(() -> m.create(P0, "nvidia-63", UUID.fromString(EXISTING_MDEV))))
                .isEqualTo(MdevRefusal.UUID_IN_USE);
        assertThat(refusal(() -> m.remove(NEW))).isEqualTo(MdevRefusal.NO_SUCH_INSTANCE);
        m.create(P0, "nvidia-64");
        m.create(P0, "nvidia-64");
        sysfs.writeLog().clear();
        assertThat(refusal(() -> m.create(P0, "nvidia-64", NEW))).isEqualTo(MdevRefusal.NO_INSTANCES_LEFT);
        assertThat(sysfs.writeLog().all()).isEmpty();
    }

    private static MdevRefusal refusal(Runnable r) {
        return catchThrowableOfType(MdevRefusedException.class, r::run).reason();
    }

    @Test
    void theKernelsAnswersToCreateAndRemove() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        SysfsPath create = MdevPaths.create(P0, "nvidia-64");
        assertThat(errno(() -> sysfs.write(create, "not-a-uuid"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(() -> sysfs.write(create, NEW + "\n\n"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(() -> sysfs.write(create, EXISTING_MDEV))).isEqualTo(Errno.EEXIST);
        assertThat(errno(() -> sysfs.read(create))).isEqualTo(Errno.EACCES);
        sysfs.write(create, NEW + "\n");
        sysfs.write(create, UUID.randomUUID().toString());
        assertThat(sysfs.readTrimmed(MdevPaths.availableInstances(P0, "nvidia-64"))).isEqualTo("0");
        assertThat(errno(() -> sysfs.write(create, UUID.randomUUID().toString()))).isEqualTo(Errno.EUSERS);
        assertThat(errno(() -> sysfs.write(MdevPaths.remove(NEW), "yes"))).isEqualTo(Errno.EINVAL);
        sysfs.write(MdevPaths.remove(NEW), "0");
        assertThat(sysfs.exists(MdevPaths.instance(NEW))).isTrue();
        sysfs.write(MdevPaths.remove(NEW), "1\n");
        assertThat(sysfs.exists(MdevPaths.instance(NEW))).isFalse();
        assertThat(sysfs.readTrimmed(MdevPaths.availableInstances(P0, "nvidia-64"))).isEqualTo("1");
    }

    private static Errno errno(Runnable r) {
        try {
            r.run();
        } catch (SysfsWriteException e) {
            return e.errno();
        } catch (io.virtforge.host.sysfs.SysfsReadException e) {
            return e.errno();
        }
        throw new AssertionError("no error");
    }

    @Test
    void aFaultAtEveryWriteLeavesTheHostAsItWas() {
        assertThat(FaultAtEveryWrite.check(HostFixtures::vgpuServer,
                s -> manager(s).create(P1, "nvidia-63", NEW))).isEqualTo(1);
        assertThat(FaultAtEveryWrite.check(HostFixtures::vgpuServer,
                s -> manager(s).remove(UUID.fromString(EXISTING_MDEV)))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EBUSY", "EUSERS", "ENODEV"})
    void aRefusedCreateIsATypedFailureWithTheErrno(String name) {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        SysfsSnapshot start = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        sysfs.faults().failNextWrite(MdevPaths.create(P1, "nvidia-63"), Errno.valueOf(name));
        HostChangeException e = catchThrowableOfType(HostChangeException.class,
                () -> manager(sysfs).create(P1, "nvidia-63", NEW));
        assertThat(e.getCause()).isInstanceOfSatisfying(SysfsWriteException.class,
                w -> assertThat(w.errno()).isEqualTo(Errno.valueOf(name)));
        assertThat(e.rolledBack()).isTrue();
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(start);
    }

    @Test
    void aCreateWhoseReadBackFailsRemovesWhatItMade() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        SysfsSnapshot start = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        // the kernel made the instance but the first look does not see its type link
        AtomicBoolean hidden = new AtomicBoolean();
        Sysfs blind = hiding(sysfs, p -> p.equals(MdevPaths.instanceType(NEW)) && hidden.compareAndSet(false, true));
        HostChangeException e = catchThrowableOfType(HostChangeException.class,
                () -> manager(blind).create(P1, "nvidia-63", NEW));
        assertThat(e).hasMessageContaining("created no");
        assertThat(e.rolledBack()).isTrue();
        assertThat(sysfs.writeLog().all()).extracting(Object::toString).containsExactly(
                MdevPaths.create(P1, "nvidia-63") + " <- '" + NEW + "'", MdevPaths.remove(NEW) + " <- '1'");
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(start);
    }

    /** The sysfs, but {@code exists} answers false for the paths {@code hide} picks: a read-back that misses. */
    private static Sysfs hiding(Sysfs real, java.util.function.Predicate<SysfsPath> hide) {
        return (Sysfs) java.lang.reflect.Proxy.newProxyInstance(Sysfs.class.getClassLoader(), new Class<?>[] {Sysfs.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("exists") && hide.test((SysfsPath) args[0])) {
                        return false;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRemoveTheKernelRefusesLeavesTheInstance() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        UUID existing = UUID.fromString(EXISTING_MDEV);
        sysfs.faults().failNextWrite(MdevPaths.remove(existing), Errno.EBUSY);
        assertThatThrownBy(() -> manager(sysfs).remove(existing)).isInstanceOf(HostChangeException.class)
                .hasMessageContaining("Device or resource busy");
        assertThat(new MdevReader(sysfs).instance(existing)).isPresent();
    }

    @Test
    void waitsForTheVfioHostLock() {
        FakeSysfs sysfs = HostFixtures.vgpuServer();
        VfioOptions options = VfioOptions.defaults().withLockFile(dir.resolve("vfio.lock"))
                .withLockTimeout(Duration.ofMillis(100));
        try (HostLock held = HostLock.acquire(options.lockFile(), Optional.empty())) {
            assertThatThrownBy(() -> new MdevManager(sysfs, options).create(P1, "nvidia-63", NEW))
                    .isInstanceOf(HostLockTimeoutException.class);
        }
        assertThat(sysfs.writeLog().all()).isEmpty();
        assertThat(new MdevManager(sysfs, options).create(P1, "nvidia-63", NEW).uuid()).isEqualTo(NEW);
    }
}
