package io.virtforge.host.mdev;

import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Reads mediated devices from sysfs: the parents ({@code /sys/class/mdev_bus}) with their NUMA node and
 * types ({@code mdev_supported_types/<id>}: {@code name}, {@code description}, {@code available_instances},
 * {@code device_api}), and the instances ({@code /sys/bus/mdev/devices/<uuid>}: the type from the
 * {@code mdev_type} link, the parent from the folder the instance lives in). A host without mdev support
 * (no such folders) has none. Read-only.
 */
public final class MdevReader {
    private final Sysfs sysfs;

    /** A reader of the host behind {@code sysfs}. */
    public MdevReader(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** Every parent with its types, by device name. */
    public List<MdevParent> parents() {
        if (!sysfs.isDirectory(MdevPaths.PARENTS)) {
            return List.of();
        }
        List<MdevParent> parents = new ArrayList<>();
        for (String device : sysfs.list(MdevPaths.PARENTS)) {
            parent(device).ifPresent(parents::add);
        }
        return parents;
    }

    /** One parent, or empty when there is no such mdev parent. */
    public Optional<MdevParent> parent(String device) {
        SysfsPath types = MdevPaths.types(device);
        if (!sysfs.isDirectory(types)) {
            return Optional.empty();
        }
        List<MdevType> list = new ArrayList<>();
        for (String id : sysfs.list(types)) {
            list.add(type(device, id));
        }
        return Optional.of(new MdevParent(device, numaNode(device), list));
    }

    private MdevType type(String device, String id) {
        SysfsPath dir = MdevPaths.type(device, id);
        int available = (int) sysfs.readTrimmedIfExists(MdevPaths.availableInstances(device, id))
                .map(KernelValues::count).map(c -> c.orElse(0)).orElse(0L).longValue();
        return new MdevType(id, sysfs.readTrimmedIfExists(dir.resolve("name")),
                sysfs.readTrimmedIfExists(dir.resolve("description")),
                sysfs.readTrimmedIfExists(dir.resolve("device_api")).orElse("vfio-pci"), Math.max(available, 0));
    }

    private OptionalInt numaNode(String device) {
        OptionalInt node = sysfs.readTrimmedIfExists(MdevPaths.parentNumaNode(device)).map(KernelValues::integer)
                .orElse(OptionalInt.empty());
        return node.isPresent() && node.getAsInt() < 0 ? OptionalInt.empty() : node;
    }

    /** Every instance, in UUID order. */
    public List<MdevInstance> instances() {
        if (!sysfs.isDirectory(MdevPaths.DEVICES)) {
            return List.of();
        }
        List<MdevInstance> instances = new ArrayList<>();
        for (String name : sysfs.list(MdevPaths.DEVICES)) {
            parseUuid(name).flatMap(this::instance).ifPresent(instances::add);
        }
        return instances;
    }

    /** One instance, or empty when it does not exist. */
    public Optional<MdevInstance> instance(UUID uuid) {
        SysfsPath link = MdevPaths.instance(uuid);
        if (!sysfs.exists(MdevPaths.instanceType(uuid))) {
            return Optional.empty();
        }
        String type = sysfs.readLinkName(MdevPaths.instanceType(uuid));
        // the link is .../<parent device>/<uuid>: the instance lives in its parent's folder
        String[] target = sysfs.readLink(link).split("/");
        String parent = target.length >= 2 ? target[target.length - 2] : "";
        return Optional.of(new MdevInstance(uuid, type, parent, parent.isEmpty() ? OptionalInt.empty() : numaNode(parent)));
    }

    private static Optional<UUID> parseUuid(String name) {
        try {
            return name.length() == 36 ? Optional.of(UUID.fromString(name)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
