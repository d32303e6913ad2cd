package io.virtforge.fake.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mediated device side of a fake PCI function ({@link PciDeviceSpec#mdev}): the types it offers, each
 * with a finite number of instances, and the instances that exist at start.
 */
public final class MdevParentSpec {
    final Map<String, TypeSpec> types = new LinkedHashMap<>();
    final List<InstanceSpec> instances = new ArrayList<>();

    record TypeSpec(String id, String name, String description, String deviceApi, int maxInstances) {
    }

    record InstanceSpec(UUID uuid, String type) {
    }

    MdevParentSpec() {
    }

    /** A {@code vfio-pci} type with up to {@code maxInstances} instances, e.g. {@code type("nvidia-63", "GRID P4-1Q", 8)}. */
    public MdevParentSpec type(String id, String name, int maxInstances) {
        return type(id, name, "num_heads=4, frl_config=60, framebuffer=1024M", "vfio-pci", maxInstances);
    }

    /** A type with every attribute given; a null name or description leaves its file out. */
    public MdevParentSpec type(String id, String name, String description, String deviceApi, int maxInstances) {
        if (maxInstances < 0) {
            throw new IllegalArgumentException("max instances of " + id + " cannot be negative");
        }
        types.put(id, new TypeSpec(id, name, description, deviceApi, maxInstances));
        return this;
    }

    /** An instance that exists at start (the type must be declared). */
    public MdevParentSpec instance(String uuid, String type) {
        instances.add(new InstanceSpec(UUID.fromString(uuid), type));
        return this;
    }
}
