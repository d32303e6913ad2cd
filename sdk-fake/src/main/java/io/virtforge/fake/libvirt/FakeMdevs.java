package io.virtforge.fake.libvirt;

import io.virtforge.connect.MdevDefinition;
import io.virtforge.connect.MdevDevice;
import io.virtforge.connect.MdevParentDevice;
import io.virtforge.connect.MediatedDevices;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The fake connection's mediated devices, as libvirt 9.0's node device driver shows the paired fake kernel's
 * ({@link io.virtforge.fake.kernel.FakeSysfs}): parents named {@code pci_DDDD_BB_SS_F} with their types (no
 * description: libvirt's XML has none) and available instances as the kernel counts them, instances named
 * {@code mdev_<uuid>_<parent address>}, created and removed through the kernel's {@code create} and {@code remove}
 * files as {@code mdevctl start} and {@code stop} do (after mdevctl's own checks: the UUID not active, the parent
 * registered, the type offered, an instance available; an instance a running domain has is not destroyed), and persistent definitions kept by the host as mdevctl keeps
 * them (shared by its connections). Without a paired kernel the host has no mediated devices. An active instance's
 * IOMMU group is the fake kernel's ({@code iommu_group}). Refusals are {@link MdevErrors}.
 */
final class FakeMdevs implements MediatedDevices {
    private final FakeState state;

    FakeMdevs(FakeState state) {
        this.state = state;
    }

    @Override
    public List<MdevParentDevice> parents() {
        synchronized (state.host) {
            state.call("mdevs.parents");
            return reader().map(r -> r.parents().stream().map(FakeMdevs::parentDevice).toList()).orElse(List.of());
        }
    }

    private static MdevParentDevice parentDevice(MdevParent p) {
        List<MdevType> types = p.types().stream().map(t -> new MdevType(t.id(), t.name(), Optional.empty(),
                t.deviceApi(), t.availableInstances())).toList();
        return new MdevParentDevice(nodeDeviceName(p.device()), p.device(), p.numaNode(), types);
    }

    @Override
    public List<MdevDevice> devices() {
        synchronized (state.host) {
            state.call("mdevs.devices");
            return List.copyOf(all().values());
        }
    }

    /** Active instances and inactive definitions by node device name. Callers hold the host's lock. */
    private Map<String, MdevDevice> all() {
        Map<String, MdevDevice> devices = new LinkedHashMap<>();
        for (MdevInstance i : reader().map(MdevReader::instances).orElse(List.of())) {
            String name = MdevDevice.nodeDeviceName(i.uuid(), i.parent());
            devices.put(name, new MdevDevice(name, i.uuid(), i.type(), nodeDeviceName(i.parent()), i.parent(),
                    iommuGroup(i.uuid()), true, state.host.mdevDefinitions.containsKey(name)));
        }
        state.host.mdevDefinitions.forEach((name, d) -> devices.putIfAbsent(name, new MdevDevice(name, d.uuid(),
                d.type(), d.parent(), parentAddress(d.parent()), OptionalInt.empty(), false, true)));
        return devices;
    }

    /** The instance's IOMMU group, as libvirt reads it ({@code /sys/bus/mdev/devices/<uuid>/iommu_group}). */
    private OptionalInt iommuGroup(UUID uuid) {
        SysfsPath link = MdevPaths.instance(uuid).resolve("iommu_group");
        return state.host.sysfs.exists(link) ? OptionalInt.of(Integer.parseInt(state.host.sysfs.readLinkName(link)))
                : OptionalInt.empty();
    }

    @Override
    public MdevDevice create(MdevDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        synchronized (state.host) {
            state.call("mdevs.create");
            String address = checkedParent(definition.parent());
            startInKernel(definition, address);
            return all().get(MdevDevice.nodeDeviceName(definition.uuid(), address));
        }
    }

    @Override
    public MdevDevice define(MdevDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        synchronized (state.host) {
            state.call("mdevs.define");
            String name = MdevDevice.nodeDeviceName(definition.uuid(), checkedParent(definition.parent()));
            state.host.mdevDefinitions.put(name, definition);
            return all().get(name);
        }
    }

    @Override
    public MdevDevice start(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (state.host) {
            state.call("mdevs.start");
            MdevDevice device = existing(name);
            if (device.active()) {
                throw MdevErrors.alreadyActive(name);
            }
            startInKernel(new MdevDefinition(device.parent(), device.type(), device.uuid()), device.parentAddress());
            return all().get(name);
        }
    }

    @Override
    public void destroy(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (state.host) {
            state.call("mdevs.destroy");
            MdevDevice device = existing(name);
            if (!device.active()) {
                throw MdevErrors.notActive(name);
            }
            if (inUse(device)) {
                throw MdevErrors.inUse(name);
            }
            state.host.sysfs.write(MdevPaths.remove(device.uuid()), "1");
        }
    }

    @Override
    public void undefine(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (state.host) {
            state.call("mdevs.undefine");
            if (!existing(name).persistent()) {
                throw MdevErrors.notDefined(name);
            }
            state.host.mdevDefinitions.remove(name);
        }
    }

    /** Whether a running domain has the instance ({@code <hostdev type='mdev'>} of its UUID): QEMU holds its group. */
    private boolean inUse(MdevDevice device) {
        String uuid = device.uuid().toString();
        return state.table.all().stream().filter(DomainEntry::active).map(e -> e.live).filter(Objects::nonNull)
                .flatMap(d -> d.devices().hostdevs().stream())
                .anyMatch(h -> h.mdevUuid().filter(uuid::equalsIgnoreCase).isPresent());
    }

    private MdevDevice existing(String name) {
        MdevDevice device = all().get(name);
        if (device == null) {
            throw MdevErrors.noNodeDevice(name);
        }
        return device;
    }

    /** mdevctl start's checks, in its order, then the write to the type's {@code create}. */
    private void startInKernel(MdevDefinition d, String address) {
        MdevReader reader = reader().orElse(null);
        if (reader != null && reader.instance(d.uuid()).isPresent()) {
            throw MdevErrors.mdevctlStart("Device already exists");
        }
        MdevParent parent = reader == null ? null : reader.parent(address).orElse(null);
        if (parent == null) {
            throw MdevErrors.mdevctlStart("Parent " + address + " is not currently registered for mdev support");
        }
        MdevType type = parent.type(d.type()).orElseThrow(() -> MdevErrors.mdevctlStart("Parent " + address
                + " does not support mdev type " + d.type()));
        if (type.availableInstances() == 0) {
            throw MdevErrors.mdevctlStart("No available instances of " + d.type() + " on " + address);
        }
        state.host.sysfs.write(MdevPaths.create(address, d.type()), d.uuid().toString());
    }

    /** libvirt's check that the parent is a node device of the host (a PCI function here): its address. */
    private String checkedParent(String parent) {
        String address = parentAddress(parent);
        try {
            if (state.resources.base().pciDevice(PciAddress.parse(address)).isPresent()) {
                return address;
            }
        } catch (ValueFormatException e) {
            // not a PCI function's name: the fake host has no other node devices
        }
        throw MdevErrors.invalidParent(parent);
    }

    private Optional<MdevReader> reader() {
        return Optional.ofNullable(state.host.sysfs).map(MdevReader::new);
    }

    /** {@code 0000:31:00.0} as libvirt names it, {@code pci_0000_31_00_0}; another sysfs name as it is. */
    private static String nodeDeviceName(String address) {
        try {
            return PciAddress.parse(address).nodeDeviceName();
        } catch (ValueFormatException e) {
            return address;
        }
    }

    /** The sysfs name of a parent's node device name: {@code pci_0000_31_00_0} is {@code 0000:31:00.0}. */
    private static String parentAddress(String parent) {
        try {
            return PciAddress.fromNodeDeviceName(parent).format();
        } catch (ValueFormatException e) {
            return parent;
        }
    }
}
