package io.virtforge.fake.kernel;

import io.virtforge.fake.kernel.fs.DynamicAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.fake.kernel.fs.KernelText;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.Uuids;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mediated devices as {@code drivers/vfio/mdev} implements them. A parent is linked from
 * {@code /sys/class/mdev_bus} and has {@code mdev_supported_types/<id>} with {@code name} and
 * {@code description} (where the type has them), {@code device_api}, {@code available_instances} (the type's maximum less its
 * instances), a {@code devices} folder and the write-only {@code create}. {@code create} takes a UUID of
 * 36 characters (one trailing newline allowed), else {@code EINVAL}; a UUID any mediated device has is
 * {@code EEXIST}; a type without available instances is {@code EUSERS}. The instance appears as
 * {@code <parent>/<uuid>} with an {@code mdev_type} link, a write-only {@code remove}, and links from
 * {@code /sys/bus/mdev/devices} and the type's {@code devices}, and an IOMMU group of its own (the lowest free number,
 * {@code iommu_group} and {@code /sys/kernel/iommu_groups/<n>/devices/<uuid>}). {@code remove} takes a {@code kstrtoul}
 * number ({@code EINVAL} otherwise); 0 does nothing, another number removes the instance.
 */
final class MdevModel {
    private final FakeTree tree;
    private final Map<UUID, Instance> instances = new HashMap<>();

    private static final class Type {
        final PciDeviceState parent;
        final MdevParentSpec.TypeSpec spec;
        final Set<UUID> made = new LinkedHashSet<>();

        Type(PciDeviceState parent, MdevParentSpec.TypeSpec spec) {
            this.parent = parent;
            this.spec = spec;
        }

        SysfsPath dir() {
            return parent.attribute("mdev_supported_types").resolve(spec.id());
        }
    }

    private record Instance(UUID uuid, Type type) {
        SysfsPath dir() {
            return type.parent.dir.resolve(uuid.toString());
        }
    }

    MdevModel(FakeTree tree) {
        this.tree = tree;
    }

    /** Makes a PCI function an mdev parent with its types and first instances. */
    void addParent(PciDeviceState parent, MdevParentSpec spec) {
        tree.link(MdevPaths.PARENTS.resolve(parent.address.format()), parent.dir);
        tree.directory(MdevPaths.DEVICES);
        Map<String, Type> types = new HashMap<>();
        for (MdevParentSpec.TypeSpec t : spec.types.values()) {
            Type type = new Type(parent, t);
            types.put(t.id(), type);
            SysfsPath dir = type.dir();
            if (t.name() != null) {
                tree.put(dir.resolve("name"), FakeFile.readOnly(t.name() + "\n"));
            }
            if (t.description() != null) {
                tree.put(dir.resolve("description"), FakeFile.readOnly(t.description() + "\n"));
            }
            tree.put(dir.resolve("device_api"), FakeFile.readOnly(t.deviceApi() + "\n"));
            tree.put(dir.resolve("available_instances"), FakeFile.view(() -> available(type) + "\n"));
            tree.put(dir.resolve("create"), FakeFile.command(v -> create(type, v)));
            tree.directory(dir.resolve("devices"));
        }
        for (MdevParentSpec.InstanceSpec i : spec.instances) {
            Type type = types.get(i.type());
            if (type == null) {
                throw new IllegalArgumentException(parent.address + " has no mdev type " + i.type());
            }
            create(type, i.uuid().toString());
        }
    }

    private static int available(Type type) {
        return type.spec.maxInstances() - type.made.size();
    }

    private void create(Type type, String value) {
        String text = KernelText.stripNewline(value);
        if (value.length() < 36 || value.length() > 37 || !Uuids.isCanonical(text)) {
            throw new KernelError(Errno.EINVAL, "create: not a UUID: '" + value.strip() + "'");
        }
        UUID uuid = UUID.fromString(text.toLowerCase(Locale.ROOT));
        if (instances.containsKey(uuid)) {
            throw new KernelError(Errno.EEXIST, "mdev " + uuid + " exists");
        }
        if (available(type) <= 0) {
            throw new KernelError(Errno.EUSERS, "no instance of " + type.spec.id() + " left");
        }
        Instance instance = new Instance(uuid, type);
        instances.put(uuid, instance);
        type.made.add(uuid);
        SysfsPath dir = instance.dir();
        tree.link(dir.resolve("mdev_type"), type.dir());
        tree.put(dir.resolve("remove"), new FakeFile(DynamicAttribute.command(v -> remove(instance, v)), false, true));
        tree.link(MdevPaths.instance(uuid), dir);
        tree.link(type.dir().resolve("devices", uuid.toString()), dir);
        int group = freeGroup();
        tree.link(dir.resolve("iommu_group"), IommuPaths.group(group));
        tree.link(IommuPaths.groupDevices(group).resolve(uuid.toString()), dir);
    }

    /** The lowest group number no group has: vfio-mdev gives each instance a group of its own, as ida_alloc numbers it. */
    private int freeGroup() {
        Set<String> taken = new HashSet<>(tree.directory(IommuPaths.GROUPS).names());
        int g = 0;
        while (taken.contains(Integer.toString(g))) {
            g++;
        }
        return g;
    }

    private void remove(Instance instance, String value) {
        long v;
        try {
            v = KernelText.parseUnsigned(value, 0, Long.MAX_VALUE);
        } catch (KernelError e) {
            throw new KernelError(Errno.EINVAL, "remove: not a number: '" + value.strip() + "'");
        }
        if (v == 0) {
            return;
        }
        instances.remove(instance.uuid());
        instance.type().made.remove(instance.uuid());
        tree.remove(instance.type().dir().resolve("devices", instance.uuid().toString()));
        tree.remove(MdevPaths.instance(instance.uuid()));
        tree.remove(IommuPaths.group(Integer.parseInt(tree.canonical(instance.dir().resolve("iommu_group")).name())));
        tree.remove(instance.dir());
    }
}
